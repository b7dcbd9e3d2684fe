/** Danish number formatting for explanations (the renderer has its own for the screen). */
export function percent(share: number | null, decimals = 1): string {
  if (share === null || !Number.isFinite(share)) return 'ukendt';
  return `${(share * 100).toFixed(decimals).replace('.', ',')} %`;
}

export function points(value: number | null, decimals = 2): string {
  if (value === null || !Number.isFinite(value)) return 'ukendt';
  const text = value.toFixed(decimals).replace('.', ',').replace('-', '−');
  return `${value > 0 ? '+' : ''}${text} procentpoint`;
}
