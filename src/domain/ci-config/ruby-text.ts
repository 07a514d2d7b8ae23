import { ReferenceTag, RubyFloat, RubySymbol, isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * Ruby's `Float#to_s`: shortest round-trip digits, always with a fraction,
 * exponent form from 1e16 up and below 1e-4 (`1.0e+16`, `1.0e-05`).
 */
export function rubyFloatToS(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e16 || magnitude < 1e-4) {
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    const withFraction = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${withFraction}e${sign}${digits}`;
  }
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}

/** Ruby's `to_s`, which is how GitLab turns YAML variable values into text. */
export function rubyToS(value: YamlValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof RubyFloat) return rubyFloatToS(value.value);
  if (value instanceof RubySymbol) return value.name;
  return rubyInspect(value);
}

/** Ruby's `inspect`, used where GitLab quotes a value back (`!reference ["a", "b"] …`). */
export function rubyInspect(value: YamlValue): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof RubyFloat) return rubyFloatToS(value.value);
  if (value instanceof RubySymbol) return `:${value.name}`;
  if (value instanceof ReferenceTag) return '!reference';
  if (isYamlSeq(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (isYamlMap(value)) {
    return `{${[...value].map(([k, v]) => `${JSON.stringify(k)}=>${rubyInspect(v)}`).join(', ')}}`;
  }
  return String(value);
}
