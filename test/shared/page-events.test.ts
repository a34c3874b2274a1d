import { describe, expect, it } from 'vitest';
import { isPageEventMessage, PAGE_EVENT, PAGE_SUBSCRIBE } from '../../src/shared/wire';
import { PAGE_TO_CONTENT } from '../../src/shared/wire';

describe('isPageEventMessage', () => {
  it('takes an event for an origin, with or without data', () => {
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: 'https://app.example', event: 'lock' })).toBe(true);
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: 'https://app.example', event: 'entitiesChanged', data: { dids: [] } })).toBe(true);
  });

  it('refuses an event without an origin, since the content script must check the origin before the page sees it', () => {
    expect(isPageEventMessage({ type: PAGE_EVENT, event: 'lock' })).toBe(false);
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: null, event: 'lock' })).toBe(false);
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: ['https://app.example'], event: 'lock' })).toBe(false);
  });

  it('refuses a message without an event name', () => {
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: 'https://app.example' })).toBe(false);
    expect(isPageEventMessage({ type: PAGE_EVENT, origin: 'https://app.example', event: 1 })).toBe(false);
  });

  it('refuses other messages, including a page request and a subscription', () => {
    expect(isPageEventMessage({ type: PAGE_SUBSCRIBE, origin: 'https://app.example', event: 'lock' })).toBe(false);
    expect(isPageEventMessage({ channel: PAGE_TO_CONTENT, origin: 'https://app.example', event: 'lock' })).toBe(false);
    for (const value of [null, undefined, 'sigil:page-event', 42]) expect(isPageEventMessage(value)).toBe(false);
  });
});
