from ninja.parser import Parser


class GuardedJSONParser(Parser):
    """Reuse the JSON that ApiBodyGuardMiddleware already parsed and checked."""

    def parse_body(self, request):
        if hasattr(request, "_api_json"):
            return request._api_json
        return super().parse_body(request)
