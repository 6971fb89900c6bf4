import { describe, expect, it } from 'vitest';
import { goErrorFunctionsIn } from '../../../src/core/rules/go-declarations';

describe('Go declarations read from text', () => {
  it('finds functions and methods whose last result is error', () => {
    const text = [
      'package p',
      'func Open(name string) (*File, error) {',
      '\treturn nil, nil',
      '}',
      'func (s *Store) Save(ctx context.Context,',
      '\titems []Item, // one line each',
      ') (n int, err error) {',
      '\treturn 0, nil',
      '}',
      'func Map[K comparable, V any](m map[K]V) error { return nil }',
      'func Close() error',
      'func Count() int { return 0 }',
      'func Errs() []error { return nil }',
      'func Weird() interface{ Error() string } { return nil }',
      'func Callback(f func() error) int { return 0 }',
    ].join('\n');
    expect(goErrorFunctionsIn(text).sort()).toEqual(['Close', 'Map', 'Open', 'Save']);
  });

  it('ignores Go code quoted in strings and comments', () => {
    const text = 'package p\n\nvar src = `\nfunc Quoted() error { return nil }\n`\n\n/*\nfunc Commented() error\n*/\nfunc Real() error { return nil }\n';
    expect(goErrorFunctionsIn(text)).toEqual(['Real']);
  });
});
