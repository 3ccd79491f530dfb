"""Django's admin of users, with each one's roles named in the admin's language,
so that the administrator sees who may do what without opening each account. A
password the administrator sets for someone else, at the account's creation or
with *Reset password*, is temporary: its holder chooses their own at their next
sign-in (newsroom.security.passwords)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from newsroom.clearance.roles import role_name
from newsroom.security.passwords import make_temporary

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [*DjangoUserAdmin.list_display, "roles"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(sorted(role_name(group.name) for group in user.groups.all()))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and obj.has_usable_password():
            make_temporary(obj)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        response = super().user_change_password(request, id, form_url)
        # An administrator's own password is theirs, whichever page sets it.
        if user is not None and user.pk != request.user.pk:
            before = user.password
            user.refresh_from_db(fields=["password"])
            if user.password != before and user.has_usable_password():
                make_temporary(user)
        return response
