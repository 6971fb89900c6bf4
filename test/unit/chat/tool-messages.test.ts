import { describe, expect, it } from 'vitest';
import { checkInvocationMessage, specStatusInvocationMessage } from '../../../src/extension/chat/tool-messages';

describe('language model tools: what the chat shows while they run', () => {
  it('omni_check names the file, or counts them; an invalid input still gets a message', () => {
    expect(checkInvocationMessage({ path: 'src/app.py' })).toBe("Checking src/app.py with Omni's rules");
    expect(checkInvocationMessage({ paths: ['a.py', 'b.go'], path: 'c.rs' })).toBe("Checking 3 files with Omni's rules");
    expect(checkInvocationMessage({ file: 'a.py' })).toBe("Checking files with Omni's rules");
  });

  it('omni_spec_status names the spec asked for', () => {
    expect(specStatusInvocationMessage({ slug: 'rate-limit' })).toBe('Reading the status of spec rate-limit');
    expect(specStatusInvocationMessage({})).toBe('Reading the status of every spec');
  });
});
