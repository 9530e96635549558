import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './env';

describe('parseConfig', () => {
  it('turns mocking on by default in dev and off in a build', () => {
    expect(parseConfig({}, true)).toEqual({ apiMocking: true, apiBaseUrl: '/api/v1' });
    expect(parseConfig({}, false)).toEqual({ apiMocking: false, apiBaseUrl: '/api/v1' });
  });

  it('reads explicit values and trims a trailing slash from the base URL', () => {
    expect(
      parseConfig({ VITE_API_MOCKING: 'off', VITE_API_BASE_URL: 'https://acq.example/api/v1/' }, true),
    ).toEqual({
      apiMocking: false,
      apiBaseUrl: 'https://acq.example/api/v1',
    });
  });

  it('treats an empty value as unset', () => {
    expect(parseConfig({ VITE_API_MOCKING: '' }, true).apiMocking).toBe(true);
  });

  it('names the variable and the allowed values when a value is wrong', () => {
    expect(() => parseConfig({ VITE_API_MOCKING: 'yes please' }, true)).toThrow(ConfigError);
    expect(() => parseConfig({ VITE_API_MOCKING: 'yes please' }, true)).toThrow(
      /VITE_API_MOCKING must be one of true, false/,
    );
    expect(() => parseConfig({ VITE_API_BASE_URL: 'api' }, true)).toThrow(/VITE_API_BASE_URL must be a path/);
  });
});
