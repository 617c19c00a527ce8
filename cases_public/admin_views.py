"""Admin views for the two decisions Wagtail has no view for: withhold and retract (with a reason)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cases_public.actions import (
    RETRACT_REASONS,
    WITHHOLD_REASONS,
    reason_text,
    retract_report,
    withhold_report,
)
from cases_public.models import CompletionReport


class ReasonForm(forms.Form):
    reason = forms.ChoiceField(label="理由", widget=forms.RadioSelect)
    detail = forms.CharField(
        label="补充说明",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="记录在操作历史中，不对外公开。请勿填写信访人信息。",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not (data.get("detail") or "").strip():
            self.add_error("detail", "选择“其他”时请填写补充说明。")
        return data


def user_can_decide(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("cases_public.publish_completionreport"))


def _decision_view(request, pk, *, title, choices, action, done_message, intro, danger):
    if not user_can_decide(request.user):
        raise PermissionDenied
    report = get_object_or_404(CompletionReport, pk=pk)
    edit_url = reverse(CompletionReport.snippet_viewset.get_url_name("edit"), args=[report.pk])
    form = ReasonForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        reason = reason_text(choices, form.cleaned_data["reason"], form.cleaned_data["detail"])
        action(report, user=request.user, reason=reason)
        messages.success(request, done_message.format(reference=report.reference))
        return redirect(CompletionReport.snippet_viewset.get_url_name("list"))
    return TemplateResponse(
        request,
        "cases_public/admin/decision.html",
        {
            "report": report,
            "form": form,
            "page_title": title,
            "intro": intro,
            "edit_url": edit_url,
            "danger": danger,
        },
    )


def withhold_view(request, pk):
    return _decision_view(
        request,
        pk,
        title="不予公开",
        choices=WITHHOLD_REASONS,
        action=withhold_report,
        done_message="办结报告 {reference} 已决定不予公开。",
        intro="该办结报告将不会在网站上公开（仍计入统计数据）。此决定及理由将记入操作历史。",
        danger=False,
    )


def retract_view(request, pk):
    return _decision_view(
        request,
        pk,
        title="撤下公开",
        choices=RETRACT_REASONS,
        action=retract_report,
        done_message="办结报告 {reference} 已从网站、开放数据、订阅和检索中撤下。",
        intro="撤下后，原网址只显示“已撤回”的说明；开放数据、订阅和检索结果中立即不再出现。此操作及理由将记入操作历史。",
        danger=True,
    )
