"""API clients in the admin: visible and revocable, never showing a token."""

from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from internal_api.models import ApiClient


class ApiClientForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=ApiClient.Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    revoked = forms.BooleanField(label="已吊销（吊销后该客户端的所有令牌立即失效，不可恢复）", required=False)

    class Meta:
        model = ApiClient
        fields = ["name", "description", "scopes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revoked"].initial = self.instance.revoked_at is not None
            if self.instance.revoked_at is not None:
                self.fields["revoked"].disabled = True

    def save(self, commit=True):
        client = super().save(commit=commit)
        if commit and self.cleaned_data.get("revoked") and client.revoked_at is None:
            client.revoke()
        return client


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = "接口客户端"
    name = "api_clients"
    add_to_settings_menu = True
    list_display = ["name", "description", "scopes", "created_at", "revoked_at"]
    search_fields = ["name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = ["name", "description", "scopes", "created_at", "revoked_at"]

    def get_form_class(self, for_update=False):
        return ApiClientForm


@hooks.register("register_admin_viewset")
def register_api_client_viewset():
    return ApiClientViewSet()
