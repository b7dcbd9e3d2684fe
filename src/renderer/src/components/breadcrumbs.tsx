import { messages } from '../messages/da';

/** Where you are: the top-level screen, then each drill-down; every crumb but the last goes back. */
export function Breadcrumbs({ trail, onGo }: { trail: string[]; onGo(index: number): void }) {
  return (
    <nav className="breadcrumbs" aria-label={messages.desk.breadcrumbLabel} data-testid="breadcrumbs">
      {trail.map((label, index) => (
        <span key={`${index}-${label}`}>
          {index > 0 && <span className="crumb-sep"> › </span>}
          {index < trail.length - 1 ? (
            <button className="crumb" onClick={() => onGo(index)}>
              {label}
            </button>
          ) : (
            <span aria-current="page" className="crumb-current">
              {label}
            </span>
          )}
        </span>
      ))}
    </nav>
  );
}
