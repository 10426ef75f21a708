/**
 * Chinese name pools. All names are synthetic; pools are fixed arrays (never object keys) so the
 * order they are drawn in is the same everywhere.
 */
import type { Rng } from './prng.ts'

export const STREET_NAMES = [
  '东湖', '城中', '凤凰', '海阳', '梅兰', '京泰', '红旗', '明珠', '迎春', '枫林', '柳园', '清河', '春晖', '永安', '寺巷', '九龙',
].map((w) => w + '街道')

/** two-character place words for communities, markets, back streets */
export const PLACE_WORDS = [
  '东湖', '西园', '南苑', '北园', '春晖', '秋实', '梅园', '兰亭', '竹林', '菊香', '桂花', '杨柳', '枫林', '松涛', '荷塘',
  '翠竹', '碧水', '青山', '明月', '清风', '朝阳', '晨光', '幸福', '和平', '团结', '友谊', '光明', '育才', '文昌', '鼓楼',
  '钟楼', '凤凰', '麒麟', '龙潭', '石桥', '金桥', '银杏', '玉泉', '清河', '泰和', '永安', '长乐', '吉祥', '福星', '瑞丰',
  '丰乐', '新华', '迎春', '稻河', '藕花', '坡子', '八字', '涵东', '涵西', '草巷', '铁匠', '打铜', '盐仓', '米市', '柴市',
  '鱼市', '井巷', '府前', '城隍', '学前', '书院', '状元', '桥头', '渡口', '码头', '河西', '河东', '塘湾', '柳堤', '花园',
  '果园', '茶园', '菜园', '北门', '南门', '东门', '西门', '周庄', '吴家', '陈家', '李家', '王家', '赵家', '钱家', '孙家',
  '孔家', '季家', '新村', '华庄', '牌楼', '大林', '小井', '天滋', '望海', '观音', '莲花', '五一', '工农', '红星', '青年',
  '春江', '锦绣', '怡景', '景园', '静安', '宁乡', '迎宾', '凤鸣', '紫藤', '芙蓉', '海棠', '丁香', '玉兰', '水杉', '梧桐',
]

export const ROAD_WORDS = [
  '人民', '建设', '解放', '中山', '海陵', '迎宾', '东风', '鼓楼', '江州', '文昌', '永定', '济川', '光明', '长江', '振兴',
  '青年', '凤凰', '春晖', '府前', '五一', '渔行', '坡子', '泰山', '鹏程', '梅兰', '稻河', '卤汀', '周山', '九龙', '东进',
  '老街', '西仓', '南通', '扬州', '通扬', '宁靖', '兴化', '靖江', '姜堰', '海军', '龙腾', '祥泰',
]

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛顾毛钱严戴孔汤']
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉建国志海燕红梅文晓东春雪宇欣浩然子涵雨婷佳琪俊峰国庆永红建军立新卫东小龙']

/** A synthetic person name: one surname plus one or two given-name characters. */
export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN)
  return rng.pick(SURNAMES) + given
}

/** `count` distinct names for back streets (巷/弄/里), e.g. 桂花巷, 盐仓后弄, 石桥东里. */
export function backStreetNames(rng: Rng, count: number): string[] {
  const modifiers = ['', '', '', '东', '西', '南', '北', '前', '后', '中', '新', '小']
  const suffixes = ['巷', '巷', '弄', '里']
  const names = new Set<string>()
  const out: string[] = []
  while (out.length < count) {
    const name = rng.pick(PLACE_WORDS) + rng.pick(modifiers) + rng.pick(suffixes)
    if (names.has(name)) continue
    names.add(name)
    out.push(name)
  }
  return out
}

export const CONTRACTOR_WORDS = ['苏中', '华泰', '中建', '江海', '凤城', '润扬', '恒通', '宏达', '天宇', '长城', '鼎盛', '新城', '盛世', '中联']
export const PROJECT_WORDS = ['花园', '名苑', '华府', '学校改扩建', '安置房', '综合体', '医院门诊楼', '雅居', '商业广场', '公寓', '体育馆', '污水管网改造']
