from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Min
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_http_methods

from ressort.accounts.forms import SignupForm
from ressort.approaches import deletion, invitations, portfolio, progress, reuse, services
from ressort.approaches.access import (
    Right,
    role_has,
)
from ressort.approaches.forms import (
    ApproachCreateForm,
    BrandingForm,
    CloseStepForm,
    FramingForm,
    GovernanceMemberForm,
    InvitationForm,
    MemberScopeForm,
    MembershipRoleForm,
    MethodStepForm,
    PerimeterForm,
)
from ressort.approaches.method import (
    MODULE_BY_CODE,
    MODULE_CODES,
    MODULES,
    STEP_BY_CODE,
    STEP_CODES,
    STEPS,
)
from ressort.approaches.models import (
    Approach,
    GovernanceBody,
    GovernanceMember,
    Invitation,
    Membership,
    Role,
)
from ressort.approaches.offer import load_offer
from ressort.territories.views import feature_collection
from ressort.web import demarche_url, link_to, nav
from ressort.web.generic import object_pages
from ressort.web.scoped import FORM, READ, WRITE, demarche_view


@require_GET
@login_required
def approach_list(request: HttpRequest) -> HttpResponse:
    """« Mes démarches »: the portfolio of everyone who follows one or several démarches."""
    rows = portfolio.rows_for(request.user)
    filters = {
        "query": request.GET.get("q", "").strip(),
        "region": request.GET.get("region", ""),
        "module": request.GET.get("brique", ""),
        "status": request.GET.get("statut", ""),
    }
    shown = [
        r
        for r in rows
        if portfolio.keep(
            r,
            region=filters["region"],
            module=filters["module"],
            status=filters["status"],
            query=filters["query"],
        )
    ]
    page = Paginator(shown, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "approaches/list.html",
        {
            "page": page,
            "total": len(rows),
            "query": filters["query"],
            "filters": filters,
            "filtered": any(filters.values()),
            "params": urlencode(
                {
                    k: v
                    for k, v in (
                        ("q", filters["query"]),
                        ("region", filters["region"]),
                        ("brique", filters["module"]),
                        ("statut", filters["status"]),
                    )
                    if v
                }
            ),
            "regions": portfolio.region_names({r.region for r in rows if r.region}),
            "modules": MODULES,
            "statuses": portfolio.STATUS_FILTERS,
            "suggestions": services.organisation_demarches(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def approach_create(request: HttpRequest) -> HttpResponse:
    initial = {"perimeter_kind": "officiel"}
    preset = request.GET.get("territoire", "")
    if preset:
        initial["territory_code"] = preset
        initial["territory"] = preset.split(":")[-1]
    form = ApproachCreateForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            approach = services.create_approach(
                name=data["name"],
                creator=request.user,
                role=data["role"],
                territory=form.resolved_territory,
                communes=form.resolved_communes,
                perimeter_label=data.get("perimeter_label", ""),
            )
            copied = (
                reuse.copy_parts(
                    data["source"], approach, data["parts"], request.user, data["calendar_start"]
                )
                if data.get("source")
                else None
            )
        if copied:
            messages.success(
                request,
                f"La démarche «\u00a0{approach.name}\u00a0» est créée. Repris de "
                f"«\u00a0{data['source'].name}\u00a0»\u00a0: {reuse.summary(copied.counts)}.",
            )
            for note in copied.notes:
                messages.warning(request, f"À compléter\u00a0: {note}")
        else:
            messages.success(request, f"La démarche «\u00a0{approach.name}\u00a0» est créée.")
        return redirect("approaches:detail", approach.slug)
    return render(request, "approaches/create.html", {"form": form})


@demarche_view(Right.VIEW, READ, kept=True)
def approach_detail(request: HttpRequest, approach: Approach) -> HttpResponse:
    communes = approach.communes.order_by("name")
    page = Paginator(communes, 50).get_page(request.GET.get("page"))
    steps = progress.progress(approach)
    return render(
        request,
        "approaches/detail.html",
        {
            "figures": approach.key_figures(),
            "page": page,
            "steps": steps,
            "next_step": progress.next_of(steps),
            "members": approach.memberships.select_related("user"),
        },
    )


@demarche_view(Right.VIEW, READ)
def approach_perimeter_geojson(request: HttpRequest, approach: Approach) -> JsonResponse:
    return JsonResponse(feature_collection(approach.outline, approach.communes.all()))


@demarche_view(Right.EDIT_FRAMING, FORM)
def approach_settings(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = perimeter_form(approach, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.rename(approach, form.cleaned_data["name"])
            approach.perimeter_label = form.cleaned_data.get("perimeter_label", "")
            services.set_perimeter(approach, form.resolved_territory, form.resolved_communes)
        messages.success(request, "Le nom et le périmètre de la démarche sont enregistrés.")
        return redirect("approaches:detail", approach.slug)
    branding = BrandingForm(initial={"authority_name": approach.authority_name})
    return render(request, "approaches/settings.html", {"form": form, "branding_form": branding})


def perimeter_form(approach: Approach, data: object = None) -> PerimeterForm:
    """The settings' name and perimeter form, filled with the démarche's."""
    initial = {
        "name": approach.name,
        "perimeter_kind": approach.perimeter_kind,
        "perimeter_label": approach.perimeter_label,
    }
    if approach.territory:
        initial["territory"] = approach.territory.name
        initial["territory_code"] = f"{approach.territory.type}:{approach.territory.code}"
    else:
        initial["commune_codes"] = " ".join(approach.communes.values_list("code", flat=True))
    return PerimeterForm(data, initial=initial, approach=approach)


@demarche_view(Right.DELETE, FORM)
def approach_delete(request: HttpRequest, approach: Approach) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("confirm_name", "").strip() != approach.name:
            messages.error(
                request, "Le nom saisi ne correspond pas\u00a0: la démarche n'a pas été supprimée."
            )
            return redirect("approaches:delete", approach.slug)
        name = approach.name
        try:
            deletion.delete_approach(approach)
        except deletion.ApproachInUse as refusal:
            messages.error(request, str(refusal))
            return redirect("approaches:delete", approach.slug)
        messages.success(request, f"La démarche «\u00a0{name}\u00a0» a été supprimée.")
        return redirect("approaches:list")
    return render(request, "approaches/delete.html", {})


@demarche_view(Right.VIEW, FORM, post=Right.EDIT_FRAMING)
def framing(request: HttpRequest, approach: Approach) -> HttpResponse:
    suggestion = services.suggested_depth(approach)
    form = FramingForm(request.POST or None, instance=approach, suggestion=suggestion)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            services.set_contract(approach, form.cleaned_data["modules"], form.depths())
        messages.success(request, "Le cadrage est enregistré.")
        return redirect("approaches:framing", approach.slug)
    kind, population = approach.size_and_kind
    return render(
        request,
        "approaches/framing.html",
        {
            "form": form,
            "modules": MODULES,
            "offer": load_offer(),
            "suggestion": load_offer().depth_label(suggestion),
            "authority": authority_label(kind, population),
            "steps": [
                (s, STEP_BY_CODE[s.code], load_offer().expected(s.code, s.depth))
                for s in approach.steps.all()
            ],
        },
    )


def authority_label(kind: str, population: int | None) -> str:
    """« une commune de 3 000 habitants », for the depth suggestion."""
    noun = {
        "COM": "une commune",
        "EPCI": "une intercommunalité",
        "DEP": "un département",
        "REG": "une région",
    }.get(kind, "un regroupement de communes")
    if population is None:
        return f"{noun} (population inconnue)"
    return f"{noun} de {number_format(population, force_grouping=True)} habitants"


@demarche_view(Right.EDIT_FRAMING, WRITE, samples={"module": MODULE_CODES})
def module_activate(request: HttpRequest, approach: Approach, module: str) -> HttpResponse:
    if module not in MODULE_BY_CODE:
        raise Http404("Brique inconnue.")
    if module not in approach.modules:
        approach.modules = [c for c in MODULE_CODES if c in approach.modules or c == module]
        approach.save(update_fields=["modules", "updated_at"])
    messages.success(
        request,
        f"La brique «\u00a0{MODULE_BY_CODE[module].title}\u00a0» est activée pour la démarche.",
    )
    target = request.POST.get("suivant", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("approaches:journey", approach.slug)


@demarche_view(Right.VIEW, FORM, post=Right.EDIT_FRAMING)
def governance(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = GovernanceMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        member.approach = approach
        member.save()
        messages.success(request, f"{member.name} est ajouté·e à la gouvernance.")
        return redirect("approaches:governance", approach.slug)
    members = approach.governance.all()
    bodies = [
        (value, label, [m for m in members if m.body == value])
        for value, label in GovernanceBody.choices
    ]
    return render(
        request,
        "approaches/governance.html",
        {"form": form, "bodies": bodies},
    )


governance_edit, governance_delete = object_pages(
    GovernanceMember,
    GovernanceMemberForm,
    right=Right.EDIT_FRAMING,
    title=lambda member: f"Modifier\u00a0: {member.name}",
    done=link_to("approaches:governance"),
    delete="approaches:governance_delete",
    saved="Les informations sont enregistrées.",
    what=lambda member: member.name,
    gone="{what} a été retiré·e de la gouvernance.",
)


@demarche_view(Right.VIEW, FORM, post=Right.EDIT_FRAMING)
def calendar(request: HttpRequest, approach: Approach) -> HttpResponse:
    steps = list(approach.steps.all())
    data = request.POST if request.method == "POST" else None
    forms = [MethodStepForm(data, instance=s, prefix=f"etape-{s.code}") for s in steps]
    held = {  # the sessions really held for each step: the actual against the plan
        row["step"]: row
        for row in approach.accompaniment_sessions.order_by()
        .values("step")
        .annotate(first=Min("held_on"), last=Max("held_on"), count=Count("pk"))
    }
    if request.method == "POST":
        if all(f.is_valid() for f in forms):
            with transaction.atomic():
                for f in forms:
                    f.save()
            messages.success(request, "Le calendrier de la démarche est enregistré.")
            return redirect("approaches:calendar", approach.slug)
        messages.error(request, "Le calendrier n'a pas été enregistré\u00a0: corrigez les erreurs.")
    return render(
        request,
        "approaches/calendar.html",
        {
            "rows": [
                (f, s, held.get(s.code))
                for f, s in zip(forms, progress.progress(approach), strict=True)
            ]
        },
    )


@demarche_view(Right.EDIT_FRAMING, WRITE, samples={"code": STEP_CODES})
def step_close(request: HttpRequest, approach: Approach, code: str) -> HttpResponse:
    step = get_object_or_404(approach.steps, code=code)
    form = CloseStepForm(request.POST)
    if form.is_valid():
        step.closed_reason = form.cleaned_data["reason"]
        step.closed_on = timezone.localdate()
        step.closed_by = request.user
        step.save(update_fields=["closed_reason", "closed_on", "closed_by"])
        messages.success(request, f"L'étape {code} est close à la main.")
    else:
        messages.error(request, "Donnez la raison de la clôture\u00a0: l'étape n'a pas été close.")
    return redirect(demarche_url(approach, "approaches:journey", fragment=f"etape-{code}"))


@demarche_view(Right.EDIT_FRAMING, WRITE, samples={"code": STEP_CODES})
def step_reopen(request: HttpRequest, approach: Approach, code: str) -> HttpResponse:
    step = get_object_or_404(approach.steps, code=code)
    step.closed_reason, step.closed_on, step.closed_by = "", None, None
    step.save(update_fields=["closed_reason", "closed_on", "closed_by"])
    messages.success(
        request, f"L'étape {code} n'est plus close à la main : son statut suit le travail fait."
    )
    return redirect(demarche_url(approach, "approaches:journey", fragment=f"etape-{code}"))


@demarche_view(Right.VIEW, READ, kept=True)
def journey(request: HttpRequest, approach: Approach) -> HttpResponse:
    steps = progress.progress(approach)
    framing_done = (
        bool(approach.ambition.strip())
        and approach.governance.filter(
            body__in=[GovernanceBody.PROJECT_LEAD, GovernanceBody.ELECTED_LEAD]
        ).count()
        >= 2
    )
    offer = load_offer()
    role = approach.current_role  # type: ignore[attr-defined]
    scope = approach.current_scope  # type: ignore[attr-defined]
    return render(
        request,
        "approaches/journey.html",
        {
            "steps": [
                (
                    s,
                    nav.journey_tools(s.code, approach.slug, role, approach.modules, scope),
                    offer.expected(s.code, s.method_step.depth),
                    offer.depth_label(s.method_step.depth),
                )
                for s in steps
            ],
            "close_form": CloseStepForm(),
            "briques": [
                (
                    m,
                    offer.modules.get(m.code),
                    nav.module_tools(m.code, approach.slug, role, scope),
                )
                for m in MODULES
                if m.code in approach.modules
            ],
            "next_step": progress.next_of(steps),
            "framing_done": framing_done,
            "method_steps": STEPS,
            "offer": offer,
        },
    )


@demarche_view(Right.VIEW, FORM, post=Right.MANAGE_MEMBERS)
def members(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = InvitationForm(request.POST or None, approach=approach)
    if request.method == "POST" and form.is_valid():
        invitation = Invitation.objects.create(
            approach=approach,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
        )
        invitations.send_invitation(request, invitation)
        messages.success(
            request, f"Invitation envoyée à {invitation.email}. Le lien est aussi ci-dessous."
        )
        return redirect("approaches:members", approach.slug)
    can_manage = role_has(approach.current_role, Right.MANAGE_MEMBERS)  # type: ignore[attr-defined]
    pending = [
        (inv, invitations.invitation_url(request, inv) if can_manage else "")
        for inv in approach.invitations.filter(accepted_at=None, revoked_at=None)
    ]
    return render(
        request,
        "approaches/members.html",
        {
            "form": form,
            "memberships": approach.memberships.select_related("user"),
            "pending": pending,
            "roles": Role.choices,
            "parts": [(p.code, p.label) for p in nav.PHASES],
        },
    )


@demarche_view(Right.MANAGE_MEMBERS, WRITE, objects={"pk": Membership})
def member_role(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    membership = get_object_or_404(approach.memberships.select_related("user"), pk=pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Rôle inconnu\u00a0: choisissez un rôle de la liste.")
    elif would_orphan(approach, membership, form.cleaned_data["role"]):
        messages.error(request, ORPHAN_MESSAGE)
    else:
        membership.role = form.cleaned_data["role"]
        if membership.role != Role.PARTNER:
            membership.scope = []  # only a partner's access is limited to parts
        membership.save(update_fields=["role", "scope"])
        messages.success(
            request, f"{membership.user} a maintenant le rôle « {membership.get_role_display()} »."
        )
    return redirect("approaches:members", approach.slug)


@demarche_view(Right.MANAGE_MEMBERS, WRITE, objects={"pk": Membership})
def member_scope(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Limit a partner to chosen parts of the démarche (none ticked: everything)."""
    membership = get_object_or_404(approach.memberships.select_related("user"), pk=pk)
    if membership.role != Role.PARTNER:
        messages.error(request, "Seul l'accès d'un·e partenaire peut être limité à des parties.")
        return redirect("approaches:members", approach.slug)
    form = MemberScopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Partie inconnue\u00a0: choisissez dans la liste.")
        return redirect("approaches:members", approach.slug)
    membership.scope = form.cleaned_data["parts"]
    membership.save(update_fields=["scope"])
    if membership.scope:
        messages.success(request, f"{membership.user} n'a plus accès qu'aux parties choisies.")
    else:
        messages.success(request, f"{membership.user} a de nouveau accès à toute la démarche.")
    return redirect("approaches:members", approach.slug)


ORPHAN_MESSAGE = (
    "Une démarche garde au moins un·e accompagnateur·rice ou chef·fe de projet\u00a0: "
    "donnez d'abord ce rôle à quelqu'un d'autre."
)


def would_orphan(approach: Approach, membership: Membership, new_role: str | None) -> bool:
    leads = {Role.FACILITATOR, Role.PROJECT_LEAD}
    if membership.role not in leads or new_role in leads:
        return False
    return not approach.memberships.exclude(pk=membership.pk).filter(role__in=leads).exists()


@demarche_view(Right.MANAGE_MEMBERS, WRITE, objects={"pk": Membership})
def member_remove(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    membership = get_object_or_404(approach.memberships.select_related("user"), pk=pk)
    if would_orphan(approach, membership, None):
        messages.error(request, ORPHAN_MESSAGE)
    else:
        membership.delete()
        messages.success(request, f"{membership.user} ne fait plus partie de la démarche.")
    return redirect("approaches:members", approach.slug)


@demarche_view(Right.MANAGE_MEMBERS, WRITE, objects={"pk": Invitation})
def invitation_revoke(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    invitation = get_object_or_404(approach.invitations, pk=pk, accepted_at=None)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    messages.success(request, f"L'invitation de {invitation.email} est annulée.")
    return redirect("approaches:members", approach.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.read_token(token)
    except invitations.InvitationError as error:
        return render(
            request, "approaches/invitation_error.html", {"error": str(error)}, status=400
        )
    user = request.user
    account_exists = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    context: dict[str, object] = {"invitation": invitation, "account_exists": account_exists}
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            context["wrong_account"] = True
        elif request.method == "POST":
            invitations.accept(invitation, user)
            messages.success(request, f"Vous avez rejoint la démarche « {invitation.approach} ».")
            return redirect("approaches:detail", invitation.approach.slug)
        return render(request, "approaches/invitation.html", context)
    if account_exists:
        return render(request, "approaches/invitation.html", context)
    form = SignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            new_user = form.save()
            invitations.accept(invitation, new_user)
        login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Bienvenue ! Vous avez rejoint « {invitation.approach} ».")
        return redirect("approaches:detail", invitation.approach.slug)
    context["form"] = form
    return render(request, "approaches/invitation.html", context)
