// The feature namespaces the tests reach into; features own their commands, so tests of the parser see them all.
global using Bot.Help;
global using Bot.Posts;
global using Bot.Reminders;
global using Bot.Staffing;
global using Bot.Teams;
global using Bot.Turns;
