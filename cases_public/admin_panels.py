from wagtail.admin.panels import Panel

from cases_public.redactions import kind_label

FIELD_LABELS = {
    "summary": "反映问题",
    "investigation": "调查核实情况",
    "handling": "处理和整改情况",
    "penalty.orders": "处罚及责令整改",
    "accountability": "问责情况",
    "reply": "答复意见",
}


class ReplacementsPanel(Panel):
    """What the anonymiser replaced, where, and as what; never the removed value."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cases_public/admin/replacements_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = []
            for item in self.instance.replacements or []:
                rows.append(
                    {
                        "field": FIELD_LABELS.get(item.get("field"), item.get("field")),
                        "kind": kind_label(item.get("kind", "")),
                        "placeholder": item.get("placeholder", ""),
                        "position": (item.get("start") or 0) + 1,
                    }
                )
            counts = {}
            for row in rows:
                counts[row["kind"]] = counts.get(row["kind"], 0) + 1
            context.update(rows=rows, counts=sorted(counts.items(), key=lambda kv: -kv[1]))
            return context
