import type { PendingOverview } from './queue';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const ATTENTION_COLOR = '#d93025';
const WAITING_COLOR = '#5f6368';

/**
 * The toolbar button counts what has not reached the server yet: waiting (or being sent) and
 * needing attention. Red when any needs the user; empty when everything is sent.
 */
export function badgeFor({ unsent, needsAttention }: Pick<PendingOverview, 'unsent' | 'needsAttention'>): Badge {
  const total = unsent + needsAttention;
  const parts = [
    unsent > 0 ? `${unsent} waiting to be sent` : '',
    needsAttention > 0 ? `${needsAttention} ${needsAttention === 1 ? 'needs' : 'need'} attention` : '',
  ].filter((part) => part !== '');
  return {
    // The badge has room for about four characters.
    text: total === 0 ? '' : total > 999 ? '999+' : String(total),
    color: needsAttention > 0 ? ATTENTION_COLOR : WAITING_COLOR,
    title: parts.length === 0 ? 'Snag' : `Snag: ${parts.join(', ')}`,
  };
}
