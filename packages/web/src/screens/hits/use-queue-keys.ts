/** Keyboard shortcuts of the hit queue (the disposition keys live in the disposition form). */
import { useCallback, useEffect, useRef } from 'react';
import type { HitView } from '../../api/wire.ts';
import { navigate } from '../../app/router.ts';

export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

export function useQueueKeys({ list, selectedId, onHelp }: { list: HitView[]; selectedId?: string; onHelp: () => void }) {
  const listRef = useRef<HTMLUListElement>(null);
  const move = useCallback(
    (step: number) => {
      if (list.length === 0) return;
      const i = list.findIndex((h) => h.id === selectedId);
      const next = list[Math.min(list.length - 1, Math.max(0, (i < 0 ? -1 : i) + step))];
      if (next) navigate(`/hits/${next.id}`, { replace: true });
    },
    [list, selectedId],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.metaKey) return;
      if (e.key === 'Escape') {
        (document.activeElement as HTMLElement | null)?.blur();
        navigate('/hits', { replace: true });
        return;
      }
      if (isTyping(e) || e.ctrlKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        move(-1);
      } else if (e.key === '?') {
        onHelp();
      } else if (e.key === 'Enter' && selectedId) {
        navigate(`/hits/${selectedId}`, { replace: true });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move, onHelp, selectedId]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  const nextAfter = useCallback(
    (id: string) => {
      const i = list.findIndex((h) => h.id === id);
      return (list[i + 1] ?? list[i - 1])?.id;
    },
    [list],
  );
  return { listRef, nextAfter };
}
