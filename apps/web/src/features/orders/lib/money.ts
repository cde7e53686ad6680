// Money in integer cents, shown as an amount with two decimals and thousands separators.
const amount = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatMoney(cents: number) {
  return amount.format(cents / 100);
}

/** "+5.00" / "−6.00" / "0.00": a difference, signed. */
export function formatMoneyDifference(cents: number) {
  return cents > 0 ? `+${formatMoney(cents)}` : cents < 0 ? `−${formatMoney(-cents)}` : formatMoney(0);
}
