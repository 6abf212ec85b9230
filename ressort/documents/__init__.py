"""Documents built in the background (PDF, DOCX, ODT) with visible progress.

Shared by the portrait, the strategy and the evaluations: an app starts a job with a
builder (a function of the job and a progress callback returning the file's bytes); the job
is queued (ressort.background: a worker process builds it), saves its progress, and the page
polls a fragment (htmx) until the file is ready to download. The command line builds the same
documents synchronously.
"""
