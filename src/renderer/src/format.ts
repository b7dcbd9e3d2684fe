/** Danish number formats for the screen: 1.234 and 12,3 %. */
const integerFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integerFormat.format(value);
}

export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : percentFormat.format(value);
}
