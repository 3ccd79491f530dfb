"""The roles of clearance (groups made by a migration) and what each may do."""

from django.utils.translation import override, pgettext

from newsroom.core.languages import LANGUAGE_NAMES

WRITER, APPROVER, PUBLISHER = "Writer", "Approver", "Publisher"


def translator_group(lang):
    """The group's name, in English like the others: "Translator (French)"."""
    with override("en"):
        return f"Translator ({LANGUAGE_NAMES[lang]})"


def role_name(group_name):
    """A role's name in the active language, from its group's (which stays in
    English); another group's name as it is."""
    names = {
        WRITER: pgettext("role", "Writer"),
        APPROVER: pgettext("role", "Approver"),
        PUBLISHER: pgettext("role", "Publisher"),
    }
    for lang, language in LANGUAGE_NAMES.items():
        # Translators: a role, e.g. "Translator (French)".
        names[translator_group(lang)] = pgettext(
            "role", "Translator (%(language)s)"
        ) % {"language": language}
    return names.get(group_name, group_name)


def role_groups():
    """The names of every role's group, which the migration makes."""
    return [WRITER, APPROVER, PUBLISHER, *map(translator_group, LANGUAGE_NAMES)]


SUBMIT = "clearance.submit_for_review"
APPROVE = "clearance.approve"
PUBLISH = "clearance.publish"


def can_submit(user):
    return user.has_perm(SUBMIT)


def can_approve(user):
    return user.has_perm(APPROVE)


def can_publish(user):
    return user.has_perm(PUBLISH)


def edits_everything(user):
    """Writers, approvers and publishers edit every field; a translator only
    their languages'."""
    return can_submit(user) or can_approve(user) or can_publish(user)
