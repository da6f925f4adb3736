'use client';
import { useEffect, useState } from 'react';

/** The browser clock, re-read every `everyMs`: for ages and "last hour" figures, never per frame. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
