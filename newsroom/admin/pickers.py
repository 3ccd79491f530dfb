"""The admin's pickers (autocomplete widgets): Django's view, safe from a null
character."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class PickerSearchView(AutocompleteJsonView):
    """Django's answer to a picker's search, where a term with a null character
    finds nothing: PostgreSQL refuses one in a query, a 500, while the lists'
    search box refuses it in its form."""

    def get_queryset(self):
        if "\x00" in self.term:
            return self.model_admin.get_queryset(self.request).none()
        return super().get_queryset()
