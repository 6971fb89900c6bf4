import { describe, expect, it } from 'vitest';
import { OllamaHostError, parseOllamaHost } from '../../../src/core/llm/ollama/host';

describe('OLLAMA_HOST, read as Ollama reads it', () => {
  it.each([
    [undefined, 'http://127.0.0.1:11434'],
    ['', 'http://127.0.0.1:11434'],
    ['  ', 'http://127.0.0.1:11434'],
    ['example.com', 'http://example.com:11434'],
    ['example.com:5000', 'http://example.com:5000'],
    [':5000', 'http://127.0.0.1:5000'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:8080', 'http://127.0.0.1:8080'],
    ['http://example.com', 'http://example.com:80'],
    ['https://example.com', 'https://example.com:443'],
    ['https://example.com:8443/ollama/', 'https://example.com:8443/ollama'],
    ['HTTP://Box:1234', 'http://Box:1234'],
    ['[::1]:11435', 'http://[::1]:11435'],
    ['[::1]', 'http://[::1]:11434'],
    ['::1', 'http://[::1]:11434'],
    ['example.com/path', 'http://example.com:11434/path'],
  ])('%j -> %s', (value, url) => {
    expect(parseOllamaHost(value)).toBe(url);
  });

  it('names the variable and the bad part for a port that is not a number or a scheme it cannot dial', () => {
    expect(() => parseOllamaHost('example.com:http')).toThrow(new OllamaHostError('OLLAMA_HOST="example.com:http": "http" is not a port number'));
    expect(() => parseOllamaHost('example.com:70000')).toThrow(/is not a port number/);
    expect(() => parseOllamaHost('ftp://example.com', 'providers.ollama.host')).toThrow(/providers\.ollama\.host="ftp:\/\/example.com": the scheme must be http or https/);
  });
});
