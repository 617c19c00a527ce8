from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from internal_api.models import ApiClient

ALL_SCOPES = [scope.value for scope in ApiClient.Scope]


class Command(BaseCommand):
    help = "创建接口客户端并签发令牌；令牌单独打印在最后一行，仅显示这一次。"

    def add_arguments(self, parser):
        parser.add_argument("name", help="发送系统名称，如 12369-platform")
        parser.add_argument(
            "--scopes",
            default=",".join(ALL_SCOPES),
            help=f"逗号分隔的权限：{', '.join(ALL_SCOPES)}（默认全部）",
        )
        parser.add_argument("--description", default="")
        parser.add_argument(
            "--new-token",
            action="store_true",
            help="客户端已存在时为其签发新令牌（旧令牌继续有效，可单独吊销）",
        )

    @transaction.atomic
    def handle(self, *args, name, scopes, description, new_token, **options):
        wanted = [s.strip() for s in scopes.split(",") if s.strip()]
        unknown = sorted(set(wanted) - set(ALL_SCOPES))
        if unknown or not wanted:
            raise CommandError(f"未知的权限：{', '.join(unknown) or '（空）'}；可选：{', '.join(ALL_SCOPES)}")
        client = ApiClient.objects.filter(name=name).first()
        if client is not None and not new_token:
            raise CommandError(f"客户端“{name}”已存在；如需新令牌请加 --new-token")
        if client is None:
            client = ApiClient.objects.create(name=name, scopes=wanted, description=description)
        elif client.revoked_at is not None:
            raise CommandError(f"客户端“{name}”已吊销")
        token = client.issue_token()
        self.stdout.write(f"客户端：{client.name}  权限：{', '.join(client.scopes)}")
        self.stdout.write("令牌只显示这一次，平台仅保存其哈希值：")
        self.stdout.write(token)
