/**
 * The form fields of a slash command as Slack posts it. Mattermost posts
 * the same ones (its slash commands were made Slack-compatible); each
 * platform adds one field of its own (Slack `api_app_id`, Mattermost
 * `root_id`), declared beside its fake.
 */
export interface SlashCommandFields {
  readonly token: string;
  readonly team_id: string;
  readonly team_domain: string;
  readonly channel_id: string;
  readonly channel_name: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly command: string;
  readonly text: string;
  readonly response_url: string;
  readonly trigger_id: string;
}
