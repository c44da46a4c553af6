import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.js';
import { ImportError } from './import-error.js';

describe('ImportError', () => {
  it('says where and what, as "location: problem", and is a user error named ImportError', () => {
    const error = new ImportError('values.csv:12', 'value "x" is not a number');
    expect(error.message).toBe('values.csv:12: value "x" is not a number');
    expect(error.location).toBe('values.csv:12');
    expect(error.problem).toBe('value "x" is not a number');
    expect(error.name).toBe('ImportError');
    expect(String(error)).toBe('ImportError: values.csv:12: value "x" is not a number');
    expect(error).toBeInstanceOf(UserError);
    expect(error).toBeInstanceOf(Error);
  });
});
