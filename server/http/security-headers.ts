import helmet from 'helmet';
import type { RequestHandler } from 'express';

// Microsoft's hosts that may frame a Teams tab (learn.microsoft.com …/tabs/how-to/tab-requirements),
// old names kept during the *.cloud.microsoft migration. helmet's default `frame-ancestors 'self'` and
// `X-Frame-Options: SAMEORIGIN` would block Teams, so both are replaced.
export const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
  'https://outlook.live.com',
  'https://teams.live.com',
];

export function securityHeaders(options: { isHttps: boolean; aadAuthority: string }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Fluent UI (Griffel) inserts style rules at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // msal-browser talks to the authority; teams-js fetches its list of valid origins from the CDN.
        'connect-src': ["'self'", options.aadAuthority, 'https://res.cdn.office.net'],
        'frame-src': ["'self'", options.aadAuthority],
        'frame-ancestors': TEAMS_FRAME_ANCESTORS,
        'upgrade-insecure-requests': options.isHttps ? [] : null,
      },
    },
    xFrameOptions: false,
    // MSAL's popup sign-in outside Teams needs to keep its opener.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    strictTransportSecurity: options.isHttps ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
