/** What every feed produces: one MQTT publish, not yet serialised. */
export interface SimMessage {
  topic: string;
  payload: object;
  retain?: boolean;
}

/** A half-open span of simulated time [from, to), epoch ms: windows tile without overlap or gap. */
export interface TimeWindow {
  from: number;
  to: number;
}
