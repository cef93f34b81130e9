// Where the tab runs and who is signed in. Inside Teams: teams-js gives the context (locale, theme, team) and an
// Entra ID token for the bot's API (Teams SSO). Outside Teams, only when the bot says it runs in development mode: a
// person picker that asks the bot for a short-lived development token, and a banner that says so.

const teamsTimeoutMs = 8000;

export class SignInError extends Error {}
export class RefusedError extends Error {}
export class NotFoundError extends Error {}
export class NotInTeamsError extends Error {}
export class TeamsUnavailableError extends Error {}

function withTimeout(promise, ms) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new TeamsUnavailableError('timeout')), ms)),
  ]);
}

function systemTheme() {
  return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

/**
 * Connects to Teams when the page is framed by it; resolves to
 * { kind, locale, theme, teamId, frameContext, getToken(forceRefresh), onThemeChange(handler), teams }.
 */
export async function connect() {
  const teams = window.microsoftTeams;
  const framed = window.parent !== window;
  if (framed && teams) {
    try {
      await withTimeout(teams.app.initialize(), teamsTimeoutMs);
      const context = await withTimeout(teams.app.getContext(), teamsTimeoutMs);
      return {
        kind: 'teams',
        teams,
        locale: context.app?.locale ?? 'en-US',
        theme: context.app?.theme ?? 'default',
        teamId: context.team?.internalId ?? null,
        teamName: context.team?.displayName ?? null,
        frameContext: context.page?.frameContext ?? null,
        getToken: () => teams.authentication.getAuthToken(),
        onThemeChange: handler => teams.app.registerOnThemeChangeHandler(handler),
        loaded: () => { try { teams.app.notifySuccess(); } catch { /* an older host has no loading screen */ } },
      };
    } catch (error) {
      if (error instanceof TeamsUnavailableError) {
        throw error;
      }
      throw new TeamsUnavailableError(String(error?.message ?? error));
    }
  }
  if (framed && !teams) {
    throw new TeamsUnavailableError('teams-js is missing');
  }

  const response = await fetch('/api/tab/auth-mode', { headers: { Accept: 'application/json' } });
  const mode = response.ok ? await response.json() : null;
  if (mode?.mode !== 'development') {
    throw new NotInTeamsError();
  }
  return {
    kind: 'development',
    locale: navigator.language || 'en-US',
    theme: systemTheme(),
    teamId: null,
    people: Array.isArray(mode.people) ? mode.people : [],
    onThemeChange: handler => window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => handler(systemTheme())),
    loaded: () => {},
  };
}

/** The development token for one person; the bot refuses it on anything but loopback and without an app id. */
export async function developmentToken(personId) {
  const response = await fetch('/api/tab/dev-token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ id: personId }),
  });
  if (!response.ok) {
    throw new SignInError(`dev-token ${response.status}`);
  }
  return (await response.json()).token;
}

/** Calls the tab API with the bearer token and the person's language; one fresh token is tried on a 401. */
export function apiClient(getToken, language) {
  let token = null;
  async function send(path, options, retry) {
    token ??= await getToken(false);
    const headers = { Accept: 'application/json', 'Accept-Language': language, Authorization: `Bearer ${token}` };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
    if (response.status === 401) {
      token = null;
      if (retry) {
        return send(path, options, false);
      }
      throw new SignInError('401');
    }
    if (response.status === 422) {
      const body = await response.json().catch(() => ({}));
      throw new RefusedError(body.message ?? '');
    }
    if (response.status === 403 || response.status === 404) {
      throw new NotFoundError(String(response.status));
    }
    if (!response.ok) {
      throw new Error(`${options.method ?? 'GET'} ${path}: ${response.status}`);
    }
    return response.json();
  }
  return {
    get: path => send(path, {}, true),
    post: (path, body) => send(path, { method: 'POST', body }, true),
  };
}
