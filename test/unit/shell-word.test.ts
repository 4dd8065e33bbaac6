import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../engine/cli/shell-word.ts';

/** What /bin/sh makes of the word: the arguments it would pass on, one per line. */
const throughShell = (word: string): string[] => {
  const result = spawnSync('/bin/sh', ['-c', `printf '%s\\n' ${word}`], { encoding: 'utf8' });
  return result.stdout.split('\n').slice(0, -1);
};

describe('a path in a command the user pastes', () => {
  it('stays as it is when no shell would treat it specially', () => {
    expect(shellWord('charts/model-server')).toBe('charts/model-server');
    expect(shellWord('./overlays/prod')).toBe('./overlays/prod');
  });

  it.each(['charts/my model', "it's here", 'a;rm -rf b', '$(id)', '`id`', 'x*', 'a|b', '~/c', '', 'tab\there', 'a\'"b'])(
    '%j reaches the program as one argument, unchanged and never run',
    (path) => {
      expect(throughShell(shellWord(path))).toEqual([path]);
    },
  );
});
