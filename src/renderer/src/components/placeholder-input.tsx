/** A text or search field whose label is its placeholder (and its accessible name), as the toolbars and forms use (one-definition, issue 15). */
export function PlaceholderInput({
  type = 'text',
  label,
  value,
  onChange,
  testId,
  search,
}: {
  type?: 'text' | 'search';
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  /** Ctrl+F focuses it (the desk's quick search). */
  search?: boolean;
}) {
  return (
    <input
      type={type}
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
      data-search={search ? 'true' : undefined}
    />
  );
}
