import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EventStoreConfigError } from '@groupcap/event-store';
import { REPORT_UNITS, ReportUnit } from '@groupcap/projections';
import { REGIMES, Regime, Role } from '@groupcap/domain';
import { recordCliRead } from './audit/cli-access';
import { verifyChains } from './audit/verify-chains.command';
import { demo } from './demo/demo.command';
import { history } from './history/history.command';
import { rebuild } from './read-models/rebuild.command';
import { verify } from './read-models/verify.command';
import { REPORT_FORMATS, ReportFormat, reportCommand } from './report/report.command';
import { CliFailure, CliUsageError } from './shell/cli-errors';
import { readCliConfig } from './shell/cli-config';
import { IdentityOptions, resolveCliIdentity } from './shell/cli-identity';
import { CliShell, say } from './shell/cli-shell';
import { businessDateOption, moneyOption, positionOption } from './shell/option-parsers';
import { durationOption, rolesOption } from './token/token-options';
import { token } from './token/token.command';
import { largeExposurePolicyOption, policyOption } from './what-if/policy-option';
import { largeExposureWhatIfCommand, whatIfCommand } from './what-if/what-if.command';

const ENVIRONMENT = `
Environment (the same as the API's):
  DATA_DIR          embedded event store, read models, snapshots, dev JWT secret (default ./data)
  READ_MODEL_DIR    the read models rebuild and verify work on (default DATA_DIR)
  EVENT_STORE       sqlite (default) or eventstoredb, with EVENTSTORE_CONNECTION_STRING
  BUSINESS_DATE     fixes "today" (default: today in China time)
  AUTH_JWT_SECRET   HS256 secret for token (default outside production: DATA_DIR/jwt-secret)
  GROUPCAP_TOKEN    a bearer token to act under (as --token)
  GROUPCAP_AS       a user to act as outside production (as --as)

report, what-if and history show customer data: they run under a named identity (--token, or --as outside
production) and each run is recorded in the access records (GET /api/v1/audit) before anything is printed.`;

/** Yuan as given, validated: the report's threshold travels as a string. */
function yuanStringOption(value: string): string {
  moneyOption(value);
  return value;
}

function seedOption(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/**
 * Resolves who runs the command and records the read durably before the command prints anything. A token needs
 * one of `roles`.
 */
async function recordedRead(shell: CliShell, program: Command, roles: readonly Role[], action: string, subject: { type: string; id: string } | null): Promise<void> {
  const config = readCliConfig(shell);
  const identity = resolveCliIdentity(shell, config, program.opts<IdentityOptions>(), roles);
  await recordCliRead(shell, config, identity, action, subject);
}

function buildProgram(shell: CliShell): Command {
  const program = new Command()
    .name('groupcap')
    .description('Risk staff tooling for the groupcap credit book: rebuild and verify read models, reports from the log, what-if replays, audit history, tokens, demo data.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => shell.stdout.write(s), writeErr: (s) => shell.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', ENVIRONMENT)
    .option('--token <jwt>', 'act under this bearer token (risk staff; the same tokens as the API)')
    .option('--as <user>', 'act as this user, without a token (refused in production)');

  program
    .command('rebuild')
    .description('rebuild every read model from position zero into a new file, then swap it in (stop the API first)')
    .action(() => rebuild(shell));

  program
    .command('verify')
    .description('rebuild the read models in a scratch place and compare them with the live ones, table by table, then check the hash chains of the log and of the access records; exit 1 on any difference')
    .option('--log', 'only prove the event log unaltered since written: every event against its hash chain')
    .option('--audit', 'only check the hash chain of the access and refusal records')
    .action(async (o: { log?: boolean; audit?: boolean }) => {
      if (o.log || o.audit) return verifyChains(shell, { log: Boolean(o.log), audit: Boolean(o.audit) });
      await verify(shell);
      await verifyChains(shell, { log: true, audit: true });
    });

  program
    .command('report')
    .description('the large-credit report (客户大额授信统计表), or with --regime nfra-2018 the G14 large-exposure report (大额风险暴露统计表), at any past date or log position, from the log alone')
    .addOption(new Option('--regime <regime>', 'cbrc-2010: the large-credit report; nfra-2018: the G14 report').choices(REGIMES).default('cbrc-2010'))
    .requiredOption('--as-of <date>', 'business date YYYY-MM-DD', businessDateOption)
    .option('--to-position <n>', 'only the log up to this position (inclusive)', positionOption)
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('json'))
    .option('--out <file>', 'write to this file instead of stdout')
    .addOption(new Option('--unit <unit>', 'amounts in yuan or wan (10,000 yuan); default yuan for cbrc-2010, wan for nfra-2018').choices(REPORT_UNITS))
    .option('--threshold <amount>', 'cbrc-2010 only: rows whose comprehensive limit reaches this amount, in the report unit', yuanStringOption)
    .action(async (o: { regime: Regime; asOf: string; toPosition?: bigint; format: ReportFormat; out?: string; unit?: ReportUnit; threshold?: string }) => {
      const regime = o.regime === 'cbrc-2010' ? '' : ` --regime ${o.regime}`;
      await recordedRead(shell, program, ['risk', 'regulator'], `cli report${regime} --as-of ${o.asOf}${o.toPosition !== undefined ? ` --to-position ${o.toPosition}` : ''} --format ${o.format}`, null);
      return reportCommand(shell, o);
    });

  program
    .command('what-if')
    .description('replay the log under another cap policy or net capital: who would be over which cap, by how much, since when (writes nothing)')
    .addOption(new Option('--regime <regime>', 'cbrc-2010: the group-client caps; nfra-2018: the 2018 large-exposure caps, on the as-of date').choices(REGIMES).default('cbrc-2010'))
    .option(
      '--policy <settings>',
      'cbrc-2010: groupCapRatio, singleCustomerCapRatio; nfra-2018: tier1SingleClientRatio, singleClientLoanRatio, tier1ConnectedGroupRatio, tier1InterbankRatio (e.g. groupCapRatio=0.12,singleCustomerCapRatio=0.08)',
    )
    .option('--net-capital <yuan>', 'net capital in force on every date, e.g. 4000000000.00', moneyOption)
    .option('--tier1-net-capital <yuan>', 'nfra-2018: tier-1 net capital in force on the as-of date', moneyOption)
    .option('--as-of <date>', 'business date YYYY-MM-DD (default today)', businessDateOption)
    .option('--json', 'print JSON', false)
    .action(async (o: { regime: Regime; policy?: string; netCapital?: bigint; tier1NetCapital?: bigint; asOf?: string; json: boolean }) => {
      // The settings a scenario may change depend on the regime: --policy is read once the regime is known.
      const settings = <T>(parse: (value: string) => T): T | undefined => {
        if (o.policy === undefined) return undefined;
        try {
          return parse(o.policy);
        } catch (error) {
          if (error instanceof InvalidArgumentError) throw new CliUsageError(`option '--policy <settings>' argument '${o.policy}' is invalid. ${error.message}`);
          throw error;
        }
      };
      const capital = { ...(o.netCapital !== undefined ? { netCapital: o.netCapital } : {}) };
      if (o.regime === 'nfra-2018') {
        const policy = settings(largeExposurePolicyOption);
        if (policy === undefined && o.netCapital === undefined && o.tier1NetCapital === undefined) {
          throw new CliUsageError('give --policy, --net-capital and/or --tier1-net-capital: the scenario to replay');
        }
        await recordedRead(shell, program, ['risk'], `cli what-if --regime nfra-2018${o.asOf ? ` --as-of ${o.asOf}` : ''}`, null);
        const tier1 = o.tier1NetCapital !== undefined ? { tier1NetCapital: o.tier1NetCapital } : {};
        return largeExposureWhatIfCommand(shell, { scenario: { ...policy, ...capital, ...tier1 }, asOf: o.asOf, json: o.json });
      }
      if (o.tier1NetCapital !== undefined) throw new CliUsageError('--tier1-net-capital is a base of the 2018 caps: give --regime nfra-2018');
      const policy = settings(policyOption);
      if (policy === undefined && o.netCapital === undefined) throw new CliUsageError('give --policy and/or --net-capital: the scenario to replay');
      await recordedRead(shell, program, ['risk'], `cli what-if${o.asOf ? ` --as-of ${o.asOf}` : ''}`, null);
      return whatIfCommand(shell, { scenario: { ...policy, ...capital }, asOf: o.asOf, json: o.json });
    });

  program
    .command('history')
    .description('every event about a customer or a group: position, effective date, recorded time, actor, type, summary')
    .option('--customer <id>', 'a customer id')
    .option('--group <id>', 'a group id')
    .option('--json', 'one JSON object per line', false)
    .action(async (o: { customer?: string; group?: string; json: boolean }) => {
      if ((o.customer === undefined) === (o.group === undefined)) throw new CliUsageError('give exactly one of --customer ID or --group ID');
      const subject = o.customer !== undefined ? { type: 'customer', id: o.customer } : { type: 'group', id: o.group as string };
      await recordedRead(shell, program, ['risk'], `cli history --${subject.type} ${subject.id}`, subject);
      return history(shell, o);
    });

  program
    .command('token')
    .description('mint an HS256 bearer token the API accepts (prints only the token)')
    .requiredOption('--sub <id>', 'the user id')
    .requiredOption('--roles <roles>', 'comma-separated: officer, approver, risk, regulator, admin', rolesOption)
    .option('--ttl <duration>', 'lifetime: 3600, 15m, 1h, 12h (at most AUTH_TOKEN_MAX_TTL_SECONDS)', durationOption, 3600)
    .action((o: { sub: string; roles: ReturnType<typeof rolesOption>; ttl: number }) => token(shell, { sub: o.sub, roles: o.roles, ttlSeconds: o.ttl }));

  program
    .command('demo')
    .description('load a realistic demo credit book (2025) into an EMPTY store, through the writer, so every rule applies')
    .option('--seed <n>', 'another seed gives another (equally valid) book', seedOption, 2025)
    .action((o: { seed: number }) => demo(shell, o));

  return program;
}

/** Runs one command line; the exit code is 0 (done), 1 (the command found a problem or failed) or 2 (usage). */
export async function runCli(argv: readonly string[], shell: CliShell): Promise<number> {
  const program = buildProgram(shell);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliUsageError || error instanceof EventStoreConfigError) {
      say(shell.stderr, `error: ${error.message}`);
      return 2;
    }
    if (error instanceof CliFailure) {
      say(shell.stderr, error.message);
      return 1;
    }
    say(shell.stderr, error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
