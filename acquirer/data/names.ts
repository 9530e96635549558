export const CITIES = [
  {
    city: '杭州',
    districts: ['西湖区', '拱墅区', '上城区', '滨江区', '余杭区'],
    roads: ['文三路', '教工路', '莫干山路', '延安路', '江南大道', '文一西路'],
  },
  {
    city: '上海',
    districts: ['徐汇区', '静安区', '浦东新区', '长宁区', '闵行区'],
    roads: ['漕溪北路', '南京西路', '张杨路', '天山路', '虹梅路', '衡山路'],
  },
  {
    city: '苏州',
    districts: ['工业园区', '姑苏区', '吴中区', '相城区'],
    roads: ['星湖街', '观前街', '东环路', '金鸡湖大道'],
  },
  {
    city: '南京',
    districts: ['鼓楼区', '玄武区', '秦淮区', '建邺区'],
    roads: ['中山路', '珠江路', '汉中路', '江东中路'],
  },
  {
    city: '成都',
    districts: ['锦江区', '武侯区', '青羊区', '高新区'],
    roads: ['春熙路', '人民南路', '天府大道', '科华北路'],
  },
  {
    city: '广州',
    districts: ['天河区', '越秀区', '海珠区', '番禺区'],
    roads: ['体育西路', '北京路', '江南大道中', '市桥路'],
  },
  {
    city: '深圳',
    districts: ['南山区', '福田区', '罗湖区', '宝安区'],
    roads: ['科技园路', '深南大道', '东门路', '新安路'],
  },
  { city: '武汉', districts: ['江汉区', '武昌区', '洪山区'], roads: ['江汉路', '中南路', '珞喻路'] },
] as const;

export const BRAND_WORDS = [
  '悦来',
  '鑫源',
  '佳美',
  '万家',
  '福满',
  '好邻居',
  '金穗',
  '喜多',
  '鲜果时光',
  '味香园',
  '同福',
  '康乐',
  '优选',
  '百味',
  '盛世',
  '老街坊',
  '源丰',
  '禾润',
  '乐购',
  '家和',
  '兴隆',
  '聚福',
  '永辉',
  '新华',
  '晨光',
  '鸿运',
  '绿源',
  '天天',
  '小城',
  '德顺',
];

export const BUSINESS_KINDS = [
  '便利店',
  '超市',
  '水果店',
  '餐饮管理有限公司',
  '烘焙坊',
  '茶饮店',
  '药房',
  '面馆',
  '服装店',
  '五金店',
  '母婴店',
  '生鲜超市',
  '咖啡馆',
  '火锅店',
  '书店',
];

export const TERMINAL_MODELS = [
  { model: 'Lakala A8', firmware: ['A8_V2.3.1', 'A8_V2.4.0', 'A8_V2.4.2'], snPrefix: 'LKL8' },
  {
    model: 'PAX A920',
    firmware: ['PayDroid 8.1.0_Sagittarius_V02.5.07', 'PayDroid 8.1.0_Sagittarius_V02.6.02'],
    snPrefix: '0820',
  },
  { model: 'Newland N910', firmware: ['N910_2.1.18', 'N910_2.2.03'], snPrefix: 'N9NL' },
  { model: 'Centerm K9', firmware: ['K9-V1.0.36', 'K9-V1.1.02'], snPrefix: 'CTK9' },
  { model: 'Lakala V8S', firmware: ['V8S_3.0.12', 'V8S_3.1.00'], snPrefix: 'LKV8' },
] as const;

export const PHONE_PREFIXES = ['138', '139', '137', '150', '151', '158', '186', '188', '135', '177'];
