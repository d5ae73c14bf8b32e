"""Agenda 2030 / SDG 11: which targets of goal 11 the activities serve, and how much, which
other goals they serve beside it, and the targets' texts.

Cancelled activities never took place, so they serve no target. The matrix counts an activity
in every framework area it names, with a note saying so; the other charts count each activity
once per target (DATA_CONTRACT v2). Target codes and goal numbers in titles are escaped as
Markdown; the targets' and goals' texts are the reference data's own.
"""

from __future__ import annotations

import pandas as pd

from uccn_data import kpis
from uccn_data import reference as ref
from uccn_data.commentary import SDG11_SCOPE
from uccn_data.kpis import Connection, Filters
from uccn_data.pages import common, words
from uccn_data.pages.model import Block, Chart, Heading, Page, Text
from uccn_data.pages.words import t
from uccn_data.reports import texts

# Bar labels beyond these are cut with an ellipsis; the table keeps the whole text.
TARGET_LABEL_MAX = 48
GOAL_LABEL_MAX = 40


def intro(lang: str) -> list[Block]:
    """The heading and the lead: all a page shows before there is a store."""
    return [Heading(t("sdg11.heading", lang), 1), Text(t("sdg11.lead", lang))]


def build(conn: Connection, f: Filters, lang: str) -> Page:
    """The whole page for the filters, in `lang`."""
    summary = kpis.activity_summary(conn, f).iloc[0]
    total = int(summary["activities"])  # each activity once, however many areas it names
    activities = kpis.activity_list(conn, f)
    held = activities[activities["status"] != "cancelled"]  # cancelled ones never took place
    areas = {
        a: words.label(ref.FRAMEWORK_AREAS, a, lang)
        for a in ref.FRAMEWORK_AREAS
        if f.framework_area in (None, a)
    }
    targets = target_texts(lang)
    per_target = targets_served(held)

    blocks = intro(lang)
    blocks.append(common.finality(conn, f, lang))
    blocks += matrix(kpis.sdg11_coverage(conn, f), summary, areas, lang)
    # The coordinators' comment on SDG 11 as a whole under the page's first figure, and those
    # on its key figures under the chart that shows each.
    blocks += common.commentary(conn, f, SDG11_SCOPE, lang)
    blocks.append(coverage(per_target, targets, total, lang))
    blocks += common.commentary(conn, f, "sdg11_targets_covered", lang)
    blocks.append(shares(kpis.sdg11_by_area(conn, f), areas, lang))
    blocks += common.commentary(conn, f, "sdg11_aligned_share", lang)
    blocks += other_goals(held, summary, lang)
    blocks += [Heading(t("sdg11.targets_heading", lang)), Text(t("sdg11.targets_lead", lang))]
    served = per_target.set_index("target")["activities"]
    for code, text in targets.items():
        count = t("sdg11.target_count", lang, count=texts.number(served.get(code, 0), lang))
        blocks.append(Text(f"**{code}** {text} – {count}"))
    blocks += [
        Heading(t("sdg11.declaration_heading", lang)),
        Text(t("sdg11.declaration", lang)),
    ]
    return Page(blocks)


def target_texts(lang: str) -> dict[str, str]:
    """Target code -> its official text in `lang`, 11.1 to 11.c."""
    return {target.code: target.en if lang == "en" else target.sv for target in ref.sdg11_targets()}


def named(held: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per activity and code it names in a list column (`11.4, 11.a`)."""
    codes = held[["activity_id", column]].assign(code=held[column].str.split(", "))
    codes = codes.explode("code")
    return codes[codes["code"].fillna("") != ""]


def targets_served(held: pd.DataFrame) -> pd.DataFrame:
    """Activities per SDG 11 target (`target`, `activities`), each activity once per target,
    all ten targets in order, zeros included."""
    per_target = named(held, "sdg11_targets")["code"].value_counts()
    per_target = per_target.reindex(ref.SDG11_CODES, fill_value=0).rename("activities")
    return per_target.rename_axis("target").reset_index()


def matrix(
    found: pd.DataFrame, summary: pd.Series, areas: dict[str, str], lang: str
) -> list[Block]:
    """Activities per framework area and target, titled by the commonest pairing; an activity
    counts in every area it names, and a note says so."""
    total = int(summary["activities"])
    found = found[found["framework_area"].isin(list(areas))]
    data = found.assign(area=found["framework_area"].map(areas))
    if found["activities"].sum():
        pairs = data.assign(
            pair=[
                t("sdg11.pair", lang, area=a, target=c)
                for a, c in zip(data["area"], data["target"], strict=True)
            ]
        )
        title = words.finding(
            "sdg11.matrix_title",
            lang,
            pairs,
            "pair",
            "activities",
            and_word=t("sdg11.and", lang),
            total=total,
        )
        table = data.pivot(index="area", columns="target", values="activities")
        table = table.reindex(index=list(areas.values()), columns=list(ref.SDG11_CODES))
        table = table.rename_axis(index=t("filter.area", lang), columns=None).reset_index()
    else:
        title, table = t("sdg11.matrix_title_empty", lang), pd.DataFrame()
    alt = "; ".join(
        f"{area}: " + ", ".join(f"{r.target} {r.activities}" for r in words.rows(part))
        for area, part in data.groupby("area", sort=False)
    )
    blocks: list[Block] = [
        Chart(
            key="sdg11-matrix",
            title=title,
            kind="heatmap",
            data=data,
            options={
                "row": "area",
                "column": "target",
                "value": "activities",
                "row_order": list(areas.values()),
                "column_order": ref.SDG11_CODES,
            },
            alt=t("sdg11.matrix_alt", lang) + " " + alt,
            table=table,
        )
    ]
    several = int(summary["activities_in_several_areas"])
    if several and len(areas) > 1:
        blocks.append(Text(t("sdg11.matrix_note", lang, count=several, total=total), "caption"))
    return blocks


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def coverage(per_target: pd.DataFrame, targets: dict[str, str], total: int, lang: str) -> Chart:
    """Activities per target, each activity once per target, titled by the most served."""
    covered = int((per_target["activities"] > 0).sum())
    if covered:
        title = words.finding(
            "sdg11.coverage_title",
            lang,
            per_target,
            "target",
            "activities",
            and_word=t("sdg11.and", lang),
            covered=covered,
            total=total,
        )
        table = per_target.assign(text=per_target["target"].map(targets))
        table = table[["target", "text", "activities"]].set_axis(
            [
                t("sdg11.col_target", lang),
                t("sdg11.col_text", lang),
                t("sdg11.col_activities", lang),
            ],
            axis="columns",
        )
    else:
        title, table = t("sdg11.coverage_title_empty", lang), pd.DataFrame()
    counts = ", ".join(f"{r.target} {r.activities}" for r in words.rows(per_target))
    return Chart(
        key="sdg11-coverage",
        title=title,
        kind="bar",
        data=per_target.assign(
            target=[f"{c} {_short(targets[c], TARGET_LABEL_MAX)}" for c in per_target["target"]]
        ),
        options={"category": "target", "value": "activities", "horizontal": True},
        alt=t("sdg11.coverage_alt", lang, covered=covered) + " " + counts,
        table=table,
    )


def shares(by_area: pd.DataFrame, areas: dict[str, str], lang: str) -> Chart:
    """The share of each framework area's activities linked to SDG 11, titled by the largest;
    an area with no activities has no share and is left out."""
    by_area = by_area[by_area["activities"] > 0]
    by_area = by_area.assign(area=by_area["framework_area"].map(areas))
    if len(by_area):
        best = texts.percent(by_area["sdg11_aligned_share"].max(), lang)
        key = "sdg11.share_title" if len(by_area) > 1 else "sdg11.share_title_one"
        title = words.finding(
            key,
            lang,
            by_area,
            "area",
            "sdg11_aligned_share",
            and_word=t("sdg11.and", lang),
            share=best,
        )
    else:
        title = t("sdg11.share_title_empty", lang)
    percents = [texts.percent(v, lang) for v in by_area["sdg11_aligned_share"]]
    alt = ", ".join(
        f"{r.area} {p} ({r.sdg11_aligned} / {r.activities})"
        for r, p in zip(words.rows(by_area), percents, strict=True)
    )
    return Chart(
        key="sdg11-share",
        title=title,
        kind="bar",
        data=by_area.assign(percent=by_area["sdg11_aligned_share"] * 100),
        options={
            "category": "area",
            "value": "percent",
            "value_title": t("sdg11.axis_share", lang),
            "text_format": "{:.0f}\u00a0%" if lang == "sv" else "{:.0f}%",
        },
        alt=t("sdg11.share_alt", lang) + " " + alt,
        table=pd.DataFrame(
            {
                t("filter.area", lang): by_area["area"],
                t("sdg11.col_activities", lang): by_area["activities"],
                t("sdg11.col_aligned", lang): by_area["sdg11_aligned"],
                t("sdg11.col_share", lang): percents,
            }
        ),
    )


def other_goals(held: pd.DataFrame, summary: pd.Series, lang: str) -> list[Block]:
    """The other goals the activities serve beside goal 11 (goal 8 for `8` and `8.9` alike),
    titled by the most served, with goal 11 itself shown for comparison."""
    others = named(held, "other_sdgs").assign(goal=lambda d: d["code"].str.extract(r"^(\d+)")[0])
    others = others.dropna(subset=["goal"]).astype({"goal": "int64"})
    per_goal = others.groupby("goal").agg(
        activities=("activity_id", "nunique"),
        targets=("code", lambda c: ", ".join(sorted({x for x in c if "." in x}))),
    )
    if per_goal.empty:
        return [
            Heading(t("sdg11.goals_title_empty", lang), 3),
            Text(t("sdg11.goals_none", lang), "info"),
        ]
    title = words.finding(
        "sdg11.goals_title",
        lang,
        per_goal.reset_index(),
        "goal",
        "activities",
        and_word=t("sdg11.and", lang),
        total=int(summary["activities"]),
    )
    eleven = pd.DataFrame(
        {
            "activities": [int(summary["sdg11_aligned"])],
            "targets": [", ".join(sorted(set(named(held, "sdg11_targets")["code"])))],
        },
        index=pd.Index([11], name="goal"),
    )
    # Goal 11 as the activities' SDG 11 targets count it, even if one also lists it as other.
    per_goal = pd.concat([per_goal.drop(index=11, errors="ignore"), eleven])
    per_goal = per_goal.sort_index().reset_index()
    goals = {g.goal: g.en if lang == "en" else g.sv for g in ref.sdg_goals()}
    names = [goals.get(g, "") for g in per_goal["goal"]]
    bars = [
        f"{g} {_short(n, GOAL_LABEL_MAX)}" for g, n in zip(per_goal["goal"], names, strict=True)
    ]
    alt = ", ".join(f"{g} {n}" for g, n in zip(bars, per_goal["activities"], strict=True))
    return [
        Chart(
            key="sdg11-goals",
            title=title,
            kind="bar",
            data=per_goal.assign(goal=bars),
            options={"category": "goal", "value": "activities", "horizontal": True},
            alt=t("sdg11.goals_alt", lang) + " " + alt,
            table=pd.DataFrame(
                {
                    t("sdg11.col_goal", lang): per_goal["goal"],
                    t("sdg11.col_goal_name", lang): names,
                    t("sdg11.col_activities", lang): per_goal["activities"],
                    t("sdg11.col_goal_targets", lang): per_goal["targets"],
                }
            ),
        )
    ]
