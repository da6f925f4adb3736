/** A big-number tile: the figure readable from across the room, one line of context under it. */
export function StatTile({ label, value, detail, tone = 'neutral', testId }: {
  label: string; value: string; detail?: string; tone?: 'neutral' | 'good' | 'warn' | 'bad'; testId?: string;
}) {
  return (
    <section className={`tile tone-${tone}`} data-testid={testId}>
      <h2>{label}</h2>
      <p className="value" data-testid={testId ? `${testId}-value` : undefined}>{value}</p>
      {detail && <p className="detail">{detail}</p>}
    </section>
  );
}
