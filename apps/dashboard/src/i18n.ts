// Chinese and English labels, and amounts in 万元 or yuan: two switches kept in localStorage.
import { reactive } from 'vue';

const zh: Record<string, string> = {
  overview: '集中度总览', breaches: '超限', queue: '待审批', reports: '报表', events: '事件日志', signOut: '退出',
  signIn: '登录', token: '访问令牌 (Bearer JWT)', netCapital: '资本净额', asOf: '截至日期', groups: '集团', customer: '客户',
  limit: '最高综合授信额度', exposure: '风险暴露', cap: '上限', headroom: '剩余额度', utilisation: '占用率', inBreach: '超限',
  headroomHistogram: '剩余额度分布（占上限比例）', count: '数量', members: '成员', leadBranch: '牵头行', history: '历史', graph: '控制关系图',
  outstanding: '余额', drawdowns: '提款', amount: '金额', validTo: '到期日', validFrom: '起始日', status: '状态', branch: '分行',
  since: '起始', by: '超出', basis: '口径', measure: '计量', days: '天', approve: '批准', reject: '拒绝', requestedBy: '申请人',
  after: '批准后集团合计', kind: '类型', download: '下载', file: '报送', filed: '已报送', restated: '已重述', notFiled: '未报送',
  rank: '排名', name: '名称', ratio: '占资本净额比例', carriedForward: '展期结转', noItems: '无', reason: '拒绝理由', unit: '单位',
  wan: '万元', yuan: '元', lang: 'English', graphRiskOnly: '控制关系图来自事件日志，仅风险管理角色可见；此处仅列出成员。',
  renewal: '续期', grant: '新授信', type: '事件', date: '日期', limits: '授信', position: '位置', actor: '操作人', more: '更多',
  lEquity: '— 股权（持股比例）', lControl: '— 控制（表决权、董事会、协议、并表）', lFamily: '- - 家族', lDeemed: '- - 认定为同一集团', lRelated: '··· 关联（重大影响、管理、担保）',
  lState: '◆ - - 国资监管机构（其持股不构成集团）', cPerson: '自然人', cRegulator: '国资监管机构', cOutside: '集团外',
  standalone: '单一客户', subject: '对象', open: '打开', error: '错误', approved: '已批准', rejected: '已拒绝', customersAlone: '大额单一客户（仅风险角色可见报表时显示）',
  groupLimits: '集团统一授信', allocated: '已分配', group: '集团',
};
const en: Record<string, string> = {
  overview: 'Overview', breaches: 'Breaches', queue: 'Approvals', reports: 'Reports', events: 'Event log', signOut: 'Sign out',
  signIn: 'Sign in', token: 'Access token (Bearer JWT)', netCapital: 'Net capital', asOf: 'As of', groups: 'Groups', customer: 'Customer',
  limit: 'Comprehensive limit', exposure: 'Exposure', cap: 'Cap', headroom: 'Headroom', utilisation: 'Utilisation', inBreach: 'In breach',
  headroomHistogram: 'Headroom histogram (share of cap left)', count: 'Count', members: 'Members', leadBranch: 'Lead branch', history: 'History', graph: 'Control graph',
  outstanding: 'Outstanding', drawdowns: 'Drawdowns', amount: 'Amount', validTo: 'Valid to', validFrom: 'Valid from', status: 'Status', branch: 'Branch',
  since: 'Since', by: 'Over by', basis: 'Basis', measure: 'Measure', days: 'days', approve: 'Approve', reject: 'Reject', requestedBy: 'Requested by',
  after: 'Group total after approval', kind: 'Kind', download: 'Download', file: 'File report', filed: 'Filed', restated: 'Restated', notFiled: 'Not filed',
  rank: 'Rank', name: 'Name', ratio: 'Share of net capital', carriedForward: 'Carried forward', noItems: 'None', reason: 'Reason', unit: 'Unit',
  wan: '万元', yuan: 'yuan', lang: '中文', graphRiskOnly: 'The control graph is built from the event log, which only risk staff may read; members are listed without edges.',
  renewal: 'renewal', grant: 'grant', type: 'Event', date: 'Date', limits: 'Limits', position: 'Position', actor: 'Actor', more: 'More',
  lEquity: '— equity (share)', lControl: '— control (voting, board, agreement, consolidation)', lFamily: '- - family', lDeemed: '- - deemed group', lRelated: '··· related (influence, management, guarantee)',
  lState: '◆ - - state-asset regulator (its holdings make no group)', cPerson: 'natural person', cRegulator: 'state-asset regulator', cOutside: 'outside the group',
  standalone: 'Standalone', subject: 'Subject', open: 'Open', error: 'Error', approved: 'Approved', rejected: 'Rejected', customersAlone: 'Large standalone customers (shown when the report may be read)',
  groupLimits: 'Group limits', allocated: 'Allocated', group: 'Group',
};

export const prefs = reactive({
  lang: (localStorage.getItem('groupcap.lang') as 'zh' | 'en') || 'zh',
  unit: (localStorage.getItem('groupcap.unit') as 'wan' | 'yuan') || 'wan',
});
export const t = (key: string): string => (prefs.lang === 'zh' ? zh : en)[key] ?? key;
export function toggleLang(): void { prefs.lang = prefs.lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('groupcap.lang', prefs.lang); }
export function toggleUnit(): void { prefs.unit = prefs.unit === 'wan' ? 'yuan' : 'wan'; localStorage.setItem('groupcap.unit', prefs.unit); }

/** A yuan decimal string (or number) in the chosen unit, with thousands separators. */
export function money(yuan: string | number | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return '';
  const n = Number(yuan) / (prefs.unit === 'wan' ? 10000 : 1);
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
export const unitLabel = (): string => t(prefs.unit);
/** A yuan amount as a number in the chosen unit (charts). */
export const inUnit = (yuan: string | number): number => Number(yuan) / (prefs.unit === 'wan' ? 10000 : 1);
export const pct = (x: string | number): string => `${(Number(x) * 100).toFixed(1)}%`;

/** The business date every view reads as of ('' = the server's today, `today` once known); the date pickers set it. */
export const when = reactive({ asOf: '', today: '' });
