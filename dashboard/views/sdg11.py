"""Agenda 2030 / SDG 11: which targets of goal 11 the activities serve, and how much."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, charts, i18n, state, text
from dashboard.components import chart
from uccn_data import reference as ref

view = state.current()
lang, f = view.lang, view.filters
t = i18n.t
AND = t("sdg11.and", lang)

st.title(t("sdg11.heading", lang))
st.write(t("sdg11.lead", lang))
if not view.store_ready:
    st.stop()

texts = {target.code: target.en if lang == "en" else target.sv for target in ref.sdg11_targets()}
areas = {
    a: i18n.label(ref.FRAMEWORK_AREAS, a, lang)
    for a in ref.FRAMEWORK_AREAS
    if f.framework_area in (None, a)
}
col_area, col_target = t("filter.area", lang), t("sdg11.col_target", lang)
col_activities = t("sdg11.col_activities", lang)

coverage = cache.kpi_frame("sdg11_coverage", f)
by_area = cache.kpi_frame("sdg11_by_area", f)
summary = cache.kpi_frame("activity_summary", f).iloc[0]
total = int(summary["activities"])  # each activity once, however many areas it names
activities = cache.kpi_frame("activity_list", f)
held = activities[activities["status"] != "cancelled"]
coverage = coverage[coverage["framework_area"].isin(list(areas))]


def named(column: str) -> pd.DataFrame:
    """One row per activity and code it names in a list column (`11.4, 11.a`)."""
    codes = held[["activity_id", column]].assign(code=held[column].str.split(", "))
    codes = codes.explode("code")
    return codes[codes["code"].fillna("") != ""]


matrix = coverage.assign(area=coverage["framework_area"].map(areas))
if coverage["activities"].sum():
    pairs = matrix.assign(
        pair=[
            t("sdg11.pair", lang, area=a, target=c)
            for a, c in zip(matrix.area, matrix.target, strict=True)
        ]
    )
    title = text.finding(
        "sdg11.matrix_title", lang, pairs, "pair", "activities", and_word=AND, total=total
    )
    table = matrix.pivot(index="area", columns="target", values="activities")
    table = table.reindex(index=list(areas.values()), columns=list(ref.SDG11_CODES))
    table = table.rename_axis(index=col_area, columns=None).reset_index()
else:
    title, table = t("sdg11.matrix_title_empty", lang), pd.DataFrame()
alt = "; ".join(
    f"{area}: " + ", ".join(f"{r.target} {r.activities}" for r in part.itertuples())
    for area, part in matrix.groupby("area", sort=False)
)
chart(
    charts.heatmap(
        matrix,
        "area",
        "target",
        "activities",
        row_order=list(areas.values()),
        column_order=ref.SDG11_CODES,
    ),
    title=title,
    alt=t("sdg11.matrix_alt", lang) + " " + alt,
    table=table,
    key="sdg11-matrix",
    lang=lang,
)
several = int(summary["activities_in_several_areas"])
if several and len(areas) > 1:
    st.caption(t("sdg11.matrix_note", lang, count=several, total=total))

# Each activity once per target (the matrix counts it in every area it names, too).
per_target = named("sdg11_targets")["code"].value_counts()
per_target = per_target.reindex(ref.SDG11_CODES, fill_value=0).rename("activities")
per_target = per_target.rename_axis("target").reset_index()
covered = int((per_target["activities"] > 0).sum())
if covered:
    key = "sdg11.coverage_title"
    title = text.finding(
        key, lang, per_target, "target", "activities", and_word=AND, covered=covered, total=total
    )
    table = per_target.assign(text=per_target["target"].map(texts))
    table = table[["target", "text", "activities"]]
    table.columns = [col_target, t("sdg11.col_text", lang), col_activities]
else:
    title, table = t("sdg11.coverage_title_empty", lang), pd.DataFrame()
short = {code: words if len(words) <= 48 else words[:47] + "…" for code, words in texts.items()}
chart(
    charts.bar(
        per_target.assign(target=[f"{c} {short[c]}" for c in per_target["target"]]),
        "target",
        "activities",
        horizontal=True,
    ),
    title=title,
    alt=t("sdg11.coverage_alt", lang, covered=covered)
    + " "
    + ", ".join(f"{r.target} {r.activities}" for r in per_target.itertuples()),
    table=table,
    key="sdg11-coverage",
    lang=lang,
)

by_area = by_area[by_area["activities"] > 0].assign(area=lambda d: d["framework_area"].map(areas))
if len(by_area):
    best = i18n.percent(by_area["sdg11_aligned_share"].max(), lang)
    key = "sdg11.share_title" if len(by_area) > 1 else "sdg11.share_title_one"
    title = text.finding(
        key, lang, by_area, "area", "sdg11_aligned_share", and_word=AND, share=best
    )
else:
    title = t("sdg11.share_title_empty", lang)
chart(
    charts.bar(
        by_area.assign(percent=by_area["sdg11_aligned_share"] * 100),
        "area",
        "percent",
        value_title=t("sdg11.axis_share", lang),
        text_format="{:.0f}\u00a0%" if lang == "sv" else "{:.0f}%",
    ),
    title=title,
    alt=t("sdg11.share_alt", lang)
    + " "
    + ", ".join(
        f"{r.area} {i18n.percent(r.sdg11_aligned_share, lang)} ({r.sdg11_aligned} / {r.activities})"
        for r in by_area.itertuples()
    ),
    table=pd.DataFrame(
        {
            col_area: by_area["area"],
            col_activities: by_area["activities"],
            t("sdg11.col_aligned", lang): by_area["sdg11_aligned"],
            t("sdg11.col_share", lang): [
                i18n.percent(v, lang) for v in by_area["sdg11_aligned_share"]
            ],
        }
    ),
    key="sdg11-share",
    lang=lang,
)

# The other goals an activity serves, beside goal 11 itself: goal 8 for `8` and `8.9` alike.
goals = {g.goal: g.en if lang == "en" else g.sv for g in ref.sdg_goals()}
others = named("other_sdgs").assign(goal=lambda d: d["code"].str.extract(r"^(\d+)")[0])
others = others.dropna(subset=["goal"]).astype({"goal": "int64"})
per_goal = others.groupby("goal").agg(
    activities=("activity_id", "nunique"),
    targets=("code", lambda c: ", ".join(sorted({x for x in c if "." in x}))),
)
if per_goal.empty:
    st.subheader(t("sdg11.goals_title_empty", lang))
    st.info(t("sdg11.goals_none", lang))
else:
    title = text.finding(
        "sdg11.goals_title",
        lang,
        per_goal.reset_index(),
        "goal",
        "activities",
        and_word=AND,
        total=total,
    )
    per_goal.loc[11] = [
        int(summary["sdg11_aligned"]),
        ", ".join(sorted(set(named("sdg11_targets")["code"]))),
    ]
    per_goal = per_goal.sort_index().reset_index()
    names = [goals.get(g, "") for g in per_goal["goal"]]
    bars = [
        f"{g} {n if len(n) <= 40 else n[:39] + '…'}"
        for g, n in zip(per_goal["goal"], names, strict=True)
    ]
    chart(
        charts.bar(per_goal.assign(goal=bars), "goal", "activities", horizontal=True),
        title=title,
        alt=t("sdg11.goals_alt", lang)
        + " "
        + ", ".join(f"{g} {n}" for g, n in zip(bars, per_goal["activities"], strict=True)),
        table=pd.DataFrame(
            {
                t("sdg11.col_goal", lang): per_goal["goal"],
                t("sdg11.col_goal_name", lang): names,
                col_activities: per_goal["activities"],
                t("sdg11.col_goal_targets", lang): per_goal["targets"],
            }
        ),
        key="sdg11-goals",
        lang=lang,
    )

st.header(t("sdg11.targets_heading", lang))
st.write(t("sdg11.targets_lead", lang))
served = per_target.set_index("target")["activities"]
for code, words in texts.items():
    count = t("sdg11.target_count", lang, count=i18n.number(served.get(code, 0), lang))
    st.markdown(f"**{code}** {words} – {count}")

st.header(t("sdg11.declaration_heading", lang))
st.write(t("sdg11.declaration", lang))
