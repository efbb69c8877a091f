import { creditCodeCheckCharacter } from '@groupcap/domain';
import { SeededRandom } from './seeded-random';

const REGIONS = ['华东', '江南', '中原', '海川', '金陵', '明珠', '南方', '北辰', '东方', '西部', '鲁信', '浙商', '粤海', '闽江', '湘江', '蜀道', '燕山', '长江', '珠江', '黄河', '天府', '齐鲁', '徽商', '津港', '苏南', '滨海', '龙江', '三秦', '桂海', '滇池'];
const CORES = ['宏远', '金桥', '恒泰', '瑞丰', '鑫达', '华信', '中泰', '永安', '广源', '天成', '盛世', '汇通', '嘉禾', '鼎盛', '新元', '德隆', '万通', '凯越', '国盛', '安泰', '恒昌', '博远', '信达', '正元', '华茂', '隆基', '荣盛', '晨光', '远洋', '兴隆'];
const INDUSTRIES = ['钢铁', '物流', '化工', '能源', '建设', '纺织', '电子', '食品', '医药', '汽车零部件', '新材料', '置业', '港务', '航运', '矿业', '水泥', '光伏', '机械', '农业', '商贸', '电力', '通信', '环保', '冷链', '仓储', '造纸', '玻璃', '家电', '建材', '酒业'];
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['志强', '丽华', '国平', '海燕', '明', '伟', '芳', '军', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '超', '霞', '德明', '春生'];
/** Administrative division codes (GB/T 2260) of the cities the demo bank lends in. */
const DIVISIONS = ['110105', '310115', '440300', '330100', '320100', '440100', '510100', '420100', '370200', '350200'];
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Company and person names in the Chinese style, never the same twice in one book. */
export class DemoNames {
  private readonly used = new Set<string>();

  constructor(private readonly rng: SeededRandom) {}

  private unique(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('the demo ran out of names');
  }

  /** A brand (region + trade name) shared by a group's companies. */
  brand(): string {
    return this.unique(() => `${this.rng.pick(REGIONS)}${this.rng.pick(CORES)}`);
  }

  holding(brand: string): string {
    return this.unique(() => `${brand}${this.rng.chance(0.4) ? '控股' : ''}集团有限公司`);
  }

  subsidiary(brand: string): string {
    return this.unique(() => `${brand}${this.rng.pick(INDUSTRIES)}${this.rng.pick(SUFFIXES)}`);
  }

  company(): string {
    return this.unique(() => `${this.rng.pick(REGIONS)}${this.rng.pick(CORES)}${this.rng.pick(INDUSTRIES)}${this.rng.pick(SUFFIXES)}`);
  }

  financialInstitution(): string {
    const kinds = ['信托有限责任公司', '证券股份有限公司', '金融租赁有限公司', '农村商业银行股份有限公司'];
    return this.unique(() => `${this.rng.pick(REGIONS)}${this.rng.pick(CORES)}${this.rng.pick(kinds)}`);
  }

  person(): string {
    return this.unique(() => `${this.rng.pick(SURNAMES)}${this.rng.pick(GIVEN)}`);
  }

  /** A well-formed unified social credit code (GB 32100): registration type 91 (a company), a city, a check character. */
  creditCode(type = '91'): string {
    const body = `${type}${this.rng.pick(DIVISIONS)}${Array.from({ length: 9 }, () => this.rng.pick([...CODE_ALPHABET])).join('')}`;
    return body + creditCodeCheckCharacter(body)!;
  }
}
