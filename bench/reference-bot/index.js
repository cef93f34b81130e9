'use strict';
// The ingress benchmark's reference bot: what the official JavaScript SDK (botbuilder 4.23.3) does for the same turn as
// our bot's `help`. CloudAdapter authenticates the channel token against the benchmark's fake issuer (its OpenID
// metadata and signing keys), and the reply, an Adaptive Card, goes to the fake connector with a bot token that MSAL
// gets from the fake's token endpoint. No state and no storage: the reference is the SDK's own cost of a turn.
//
// Started by bench/Bot.Benchmarks with --urls http://127.0.0.1:<port> (as the .NET servers are), the Bot Framework
// settings in the environment under the names the SDK samples use, NODE_PATH pointing at the packages scripts/bench.sh
// installed, and NODE_EXTRA_CA_CERTS at the test certificate the fake issuer speaks HTTPS with.

const http = require('node:http');
const { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } = require('botbuilder');
const { AuthenticationConstants, MsalServiceClientCredentialsFactory } = require('botframework-connector');
const { CallerIdConstants } = require('botframework-schema');
const { ConfidentialClientApplication } = require('@azure/msal-node');

const settings = {
  MicrosoftAppId: process.env.MicrosoftAppId,
  MicrosoftAppPassword: process.env.MicrosoftAppPassword,
  MicrosoftAppType: process.env.MicrosoftAppType,
  MicrosoftAppTenantId: process.env.MicrosoftAppTenantId,
  ToBotFromChannelOpenIdMetadataUrl: process.env.ToBotFromChannelOpenIdMetadataUrl,
  ToChannelFromBotLoginUrl: process.env.ToChannelFromBotLoginUrl,
  ValidateAuthority: process.env.ValidateAuthority,
  // Once one endpoint is configured the SDK takes every endpoint from configuration, defaults included; these are the
  // public cloud's, which our bot uses as its defaults too.
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

// MSAL for Node resolves an authority through Entra's instance discovery and the tenant's OpenID configuration, which
// only the real login servers publish; the fake issuer serves the token endpoint alone. So the endpoints are given
// here (as an app in a private cloud would give them), and the SDK's own factory wraps this client as in production.
const loginUrl = new URL(settings.ToChannelFromBotLoginUrl);
const authority = loginUrl.href.replace(/\/$/, '');
const msal = new ConfidentialClientApplication({
  auth: {
    clientId: settings.MicrosoftAppId,
    clientSecret: settings.MicrosoftAppPassword,
    authority,
    knownAuthorities: [loginUrl.host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    }),
  },
});
const authentication = new ConfigurationBotFrameworkAuthentication(
  settings,
  new MsalServiceClientCredentialsFactory(settings.MicrosoftAppId, msal),
);
const adapter = new CloudAdapter(authentication);
adapter.onTurnError = async (context, error) => {
  console.error(`turn failed: ${error && error.message}`);
};

const commands = [
  ['help', 'the command list as a card'],
  ['who', 'who looks after which social channel'],
  ['my channels', 'the social channels you own, back up, or cover today'],
  ['who am i', 'your role in each of your teams'],
  ['add account instagram @contoso_de [url]', 'adds a social channel'],
  ['assign @Anna instagram', 'makes Anna the owner'],
  ['backup @Ben instagram', 'adds a backup'],
  ['unassign @Ben instagram', 'takes someone off a social channel'],
  ['away @Anna 2026-12-20..2027-01-06 cover @Ben', 'records an absence'],
  ['new post', 'opens the draft form'],
  ['my posts', 'your drafts and posts in review'],
  ['review settings', 'review levels and checklists'],
  ['digest', 'the daily digest settings'],
  ['webhook status', 'the outgoing webhook and its last deliveries'],
  ['failed deliveries', 'messages the bot could not deliver'],
  ['my data', 'everything the bot knows about you'],
];
// Built once: the card does not depend on the turn.
const helpCard = CardFactory.adaptiveCard({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Social Media Bot', size: 'Large', weight: 'Bolder' },
    { type: 'TextBlock', text: 'Plan, review and approve your posts from Teams.', wrap: true },
    { type: 'TextBlock', text: 'Commands', weight: 'Bolder', spacing: 'Medium' },
    { type: 'FactSet', facts: commands.map(([title, value]) => ({ title, value })) },
  ],
});

class ReferenceBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = (context.activity.text || '').trim().toLowerCase();
      if (text === 'help') {
        await context.sendActivity(MessageFactory.attachment(helpCard));
      } else {
        await context.sendActivity(MessageFactory.text('Type help for the commands.'));
      }
      await next();
    });
  }
}
const bot = new ReferenceBot();

// node:http with the three response methods CloudAdapter calls instead of restify or express: no framework
// middleware in the way, so the reference is the SDK's cost alone and, if anything, a little faster than a sample.
function responseFor(res) {
  let status = 200;
  return {
    status(code) { status = code; return this; },
    header(name, value) { res.setHeader(name, value); return this; },
    send(body) {
      res.statusCode = status;
      if (typeof body === 'string') {
        res.end(body);
      } else {
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(body));
      }
    },
    end() {
      if (!res.writableEnded) {
        res.statusCode = status;
        res.end();
      }
    },
  };
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/healthz') {
    res.end('ok');
    return;
  }
  if (req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    adapter.process(req, responseFor(res), (context) => bot.run(context)).catch((error) => {
      console.error(`request failed: ${error && error.message}`);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
});
// Keep-alive connections from the load generator stay open through the run, as they do towards Kestrel.
server.keepAliveTimeout = 120000;

const urls = process.argv.indexOf('--urls');
const address = new URL(urls >= 0 ? process.argv[urls + 1] : 'http://127.0.0.1:3978');
server.listen(Number(address.port), address.hostname, () => {
  console.log(`reference bot listening on ${address.href}`);
});
