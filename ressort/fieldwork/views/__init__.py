"""Démarche pages of the field work, one module per kind of object.

- `observations`: observations and their photos;
- `testimonies`: testimonies and their quotes;
- `inventory`: vulnerabilities, resources and hazards;
- `maps`: the field map;
- `suggestions`: dimension tags suggested for quotes and observations.

Rights: every member reads (VIEW); recording, editing and deleting need CONTRIBUTE
(facilitator, chef·fe de projet, élu·e référent·e, membre de l'équipe). Photos are served
only through `observations.photo`, which checks membership like any page: they are never
public files.
"""
