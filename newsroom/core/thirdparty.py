"""Other projects' apps under names of ours, in the admin's languages: their
packages name them in English only ("TOTP devices", "Task Results"), by a label
("Otp_Totp"), or ship no Spanish. INSTALLED_APPS names these configs in place of
the packages' own; labels, tables and migrations stay the packages'.

A model's names are set when the app is ready, on its options only: migrations
read the names a model was declared with, so none is written for these."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_tasks_db.apps import TasksAppConfig


class RenamedModels:
    """`model_names` maps a model to its singular and plural names."""

    model_names = {}

    def ready(self):
        super().ready()
        for model_name, names in self.model_names.items():
            options = self.get_model(model_name)._meta
            options.verbose_name, options.verbose_name_plural = names


class AuthenticatorAppsConfig(RenamedModels, TOTPAppConfig):
    verbose_name = _("Authenticator apps")
    model_names = {"TOTPDevice": (_("authenticator app"), _("authenticator apps"))}


class RecoveryCodesConfig(RenamedModels, StaticAppConfig):
    verbose_name = _("Recovery codes")
    model_names = {
        "StaticDevice": (_("set of recovery codes"), _("sets of recovery codes"))
    }


class SignInProtectionConfig(RenamedModels, AxesAppConfig):
    verbose_name = _("Sign-in protection")
    model_names = {
        "AccessAttempt": (_("access attempt"), _("access attempts")),
        "AccessFailureLog": (_("access failure"), _("access failures")),
        "AccessLog": (_("access log"), _("access logs")),
    }


class BackgroundTasksConfig(RenamedModels, TasksAppConfig):
    verbose_name = _("Background tasks")
    model_names = {"DBTaskResult": (_("task result"), _("task results"))}


# The words of django-axes's admin (an account's failed sign-ins, read to
# unlock it), as its source writes them: it ships no Spanish, and its French
# misses the typography of ours. Translated in our catalogues, which Django
# reads before an app's own.
AXES_WORDS = (
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Not set"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
)
