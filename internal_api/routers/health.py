from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse
from ninja import Router, Schema, Status

router = Router(tags=["health"])


class HealthOut(Schema):
    status: str


@router.get(
    "",
    response={200: HealthOut, 503: HealthOut},
    url_name="health",
    operation_id="health",
    summary="数据库可达时返回 ok",
    auth=None,
)
def health(request, response: HttpResponse):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response["Retry-After"] = "30"
        return Status(503, {"status": "unavailable"})
    return Status(200, {"status": "ok"})
