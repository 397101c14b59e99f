"""Licence-audit exposure in money: licensed vs deployed per product and metric, and what
an audit would claim, with every step of the arithmetic as a column."""

from __future__ import annotations

from typing import Any

import pandas as pd

from contractkit.review.license_audit.entitlements import normalise_metric


def audit_exposure(
    entitlements: list[dict[str, Any]],
    inventory: list[dict[str, Any]],
    terms: dict[str, Any],
    support_rate: float | None = None,
    audit_costs: float = 0.0,
) -> pd.DataFrame:
    """Per product and metric: licensed vs deployed, and what an audit would claim.

    claim = shortfall × unit price × (1 + uplift) + shortfall × unit price × support rate ×
    back-maintenance months / 12, plus the audit's costs when the shortfall (by value at the
    contract price) exceeds the cost-shift threshold. The unit price is the inventory's
    (list) price when the contract prices shortfalls at list, else the contract price (the
    list price too for an entitlement the contract states no price for).
    Every step is a column; `formula` spells out each row's sum."""
    rows = []
    list_prices: dict[int, float] = {}  # entitlement (by id) -> list price, when unpriced
    for item in inventory:
        metric = normalise_metric(item["metric"])
        product = item["product"].strip()
        owned = [
            e
            for e in entitlements
            if e["metric"] == metric
            and (not e["product"] or e["product"].lower() == product.lower())
        ]
        licensed = sum(e["licensed"] for e in owned)
        priced = [e["unit_price"] for e in owned if e["unit_price"] is not None]
        contract_price = priced[0] if priced else item["unit_price"]
        for e in owned:
            list_prices.setdefault(id(e), item["unit_price"])
        price = item["unit_price"] if terms["price_basis"] == "list" else contract_price
        deployed = item["deployed"]
        shortfall = max(deployed - licensed, 0)
        licence = shortfall * price
        uplift = licence * terms["uplift_pct"] / 100
        months = terms["back_maintenance_months"]
        back = licence * (support_rate or 0.0) * months / 12
        rows.append(
            {
                "product": product,
                "metric": metric,
                "licensed": licensed,
                "deployed": deployed,
                "position": licensed - deployed,
                "shortfall": shortfall,
                "price_basis": terms["price_basis"],
                "unit_price": price,
                "contract_price": contract_price,
                "licence_fees": licence,
                "uplift_pct": terms["uplift_pct"],
                "uplift": uplift,
                "support_rate": support_rate or 0.0,
                "back_maintenance_months": months,
                "back_maintenance": back,
                "audit_costs": 0.0,
                "claim": licence + uplift + back,
                "formula": (
                    f"{shortfall:g} × {price:,.2f} = {licence:,.2f}; + {terms['uplift_pct']:g} %"
                    f" uplift {uplift:,.2f}; + {shortfall:g} × {price:,.2f} ×"
                    f" {(support_rate or 0) * 100:g} % × {months:g}/12 = {back:,.2f}"
                ),
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    owned_value = (
        sum(
            e["licensed"] * (e["unit_price"] if e["unit_price"] is not None else list_prices[id(e)])
            for e in entitlements
            if e["unit_price"] is not None or id(e) in list_prices
        )
        or 1.0
    )
    short_value = float((table["shortfall"] * table["contract_price"]).sum())
    shortfall_pct = 100 * short_value / owned_value
    threshold = terms["cost_shift_pct"]
    crossed = threshold is not None and shortfall_pct > threshold
    total = {
        "product": "TOTAL",
        "licence_fees": table["licence_fees"].sum(),
        "uplift": table["uplift"].sum(),
        "back_maintenance": table["back_maintenance"].sum(),
        "audit_costs": audit_costs if crossed else 0.0,
        "formula": (
            f"shortfall {short_value:,.2f} / licensed {owned_value:,.2f} at contract prices ="
            f" {shortfall_pct:.2f} %"
            + (
                f" > {threshold:g} % threshold: audit costs {audit_costs:,.2f} added"
                if crossed
                else f"; cost-shift threshold {'not stated' if threshold is None else threshold}"
                ": no audit costs"
            )
        ),
    }
    total["claim"] = (
        total["licence_fees"] + total["uplift"] + total["back_maintenance"] + total["audit_costs"]
    )
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def contract_exposure(
    audit: dict[str, Any],
    inventory: list[dict[str, Any]],
    entitlements: list[dict[str, Any]] | None = None,
    support_rate: float | None = None,
    audit_costs: float = 0.0,
) -> pd.DataFrame:
    """`audit_exposure` for one contract's `license_audit` field: its terms, and the
    entitlements and support rate read from its text unless given."""
    return audit_exposure(
        audit["entitlements"] if entitlements is None else entitlements,
        inventory,
        audit["terms"],
        support_rate=audit["support_rate"] if support_rate is None else support_rate,
        audit_costs=audit_costs,
    )
