// The configurable tab's configuration page: Teams shows it when someone adds the calendar to a channel. There is
// nothing to choose (the channel's team decides the calendar), so the page explains the tab, allows Save at once, and
// on Save tells Teams the tab's address with the team in it.

import { languageOf, textsFor } from './i18n.js';

const $ = id => document.getElementById(id);

async function main() {
  const teams = window.microsoftTeams;
  let t = textsFor(languageOf(navigator.language));
  if (!teams || window.parent === window) {
    $('title').textContent = t.configTitle;
    $('status').textContent = t.notInTeams;
    return;
  }
  await teams.app.initialize();
  const context = await teams.app.getContext();
  t = textsFor(languageOf(context.app?.locale));
  document.documentElement.lang = languageOf(context.app?.locale);
  document.documentElement.dataset.theme = ['dark', 'contrast'].includes(context.app?.theme) ? context.app.theme : 'default';
  teams.app.registerOnThemeChangeHandler(theme => {
    document.documentElement.dataset.theme = ['dark', 'contrast'].includes(theme) ? theme : 'default';
  });
  $('title').textContent = t.configTitle;
  $('explanation').textContent = t.configExplanation;
  const teamId = context.team?.internalId;
  if (!teamId) {
    $('status').textContent = t.configNoTeam;
    teams.pages.config.setValidityState(false);
    return;
  }

  const contentUrl = new URL('/tab/calendar', location.origin);
  contentUrl.searchParams.set('team', teamId);
  teams.pages.config.registerOnSaveHandler(saveEvent => {
    teams.pages.config.setConfig({
      entityId: `calendar-${teamId}`,
      contentUrl: contentUrl.href,
      websiteUrl: contentUrl.href,
      suggestedDisplayName: t.calendar,
    }).then(() => saveEvent.notifySuccess(), error => saveEvent.notifyFailure(String(error?.message ?? error)));
  });
  teams.pages.config.setValidityState(true);
  teams.app.notifySuccess();
}

main();
