"""Make sure an editor account exists for `make run`.

Credentials come from PORTAL_ADMIN_USERNAME / PORTAL_ADMIN_PASSWORD; without them a password is
generated once, kept in VAR_DIR/editor-credentials.txt (mode 600) and printed.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "确保存在一个编辑（管理员）账号"

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("PORTAL_ADMIN_USERNAME", "editor")
        password = os.environ.get("PORTAL_ADMIN_PASSWORD", "")
        creds_file = Path(settings.VAR_DIR) / "editor-credentials.txt"

        user = User.objects.filter(username=username).first()
        if user is not None and not password:
            where = f"（密码见 {creds_file}）" if creds_file.exists() else ""
            self.stdout.write(f"编辑账号已存在：{username} {where}")
            return

        generated = False
        if not password:
            password = secrets.token_urlsafe(12)
            generated = True
        if user is None:
            user = User(username=username, email="", is_staff=True, is_superuser=True)
        user.is_active = True
        user.set_password(password)
        user.save()
        if generated:
            creds_file.write_text(f"username={username}\npassword={password}\n", encoding="utf-8")
            os.chmod(creds_file, 0o600)
            self.stdout.write(self.style.SUCCESS(f"已创建编辑账号：用户名 {username}  密码 {password}"))
            self.stdout.write(f"（已保存到 {creds_file}，请妥善保管）")
        else:
            self.stdout.write(self.style.SUCCESS(f"编辑账号已就绪：{username}（密码取自环境变量）"))
