"""Django's admin app with `OfficerAdminSite` as its site; INSTALLED_APPS names this config
(kept apart from the site, whose imports need the app registry ready)."""

from django.contrib.admin.apps import AdminConfig


class OfficerAdminConfig(AdminConfig):
    default_site = "motcua.backoffice.admin_site.OfficerAdminSite"
