import type { Rng } from '../framework/rng';

/** Plausible Chinese names, phones and health backgrounds for demo and benchmark data. */
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '建国', '玉兰', '淑珍', '志强', '海燕', '丹', '萍', '红', '玲', '斌', '鹏', '宇', '浩', '欣怡', '子涵', '梓萱', '雨桐', '思远', '嘉怡', '文博', '慧', '颖', '琳', '凤英', '德华', '国庆'];

export const CONDITIONS = [
  { name: '高血压', medications: [{ name: '苯磺酸氨氯地平片', dosage: '每日一次，每次 5mg' }, { name: '缬沙坦胶囊', dosage: '每日一次，每次 80mg' }] },
  { name: '2 型糖尿病', medications: [{ name: '盐酸二甲双胍片', dosage: '每日两次，每次 0.5g' }, { name: '阿卡波糖片', dosage: '每日三次，随餐 50mg' }] },
  { name: '高脂血症', medications: [{ name: '阿托伐他汀钙片', dosage: '每晚一次，每次 20mg' }] },
  { name: '冠心病', medications: [{ name: '阿司匹林肠溶片', dosage: '每日一次，每次 100mg' }] },
  { name: '慢性胃炎', medications: [{ name: '奥美拉唑肠溶胶囊', dosage: '每日一次，早餐前 20mg' }] },
  { name: '骨质疏松', medications: [{ name: '碳酸钙 D3 片', dosage: '每日一次，每次 1 片' }] },
  { name: '哮喘', medications: [{ name: '布地奈德福莫特罗吸入剂', dosage: '每日两次，每次 1 吸' }] },
];
export const ALLERGIES = ['青霉素', '磺胺类', '头孢类', '花粉', '海鲜', '阿司匹林'];
export const INTERESTS = ['太极', '广场舞', '养生讲座', '书法', '旅游', '园艺', '跑步', '烹饪', '摄影'];
export const PERSONALITIES = ['开朗健谈', '谨慎细心', '性格温和', '急躁，需耐心沟通', '不喜欢电话打扰'];

export function chineseName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

export function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const phone = `1${rng.pick(['35', '36', '37', '38', '39', '50', '52', '58', '59', '86', '87', '88', '89'])}${rng.digits(8)}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
