import { clock, StaffUser, updatePractitionerProfile, verifyPractitioner, VerificationStatus } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const DAY = 86_400_000;

/**
 * Health services: each franchise's doctor keeps a practitioner profile (qualifications with
 * their certificates, training) that HQ verified, so customers can be booked with them.
 */
export const appointmentsSeeder: Seeder = {
  name: 'appointments',
  async run({ em, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    const hqAdmin = (await em.findOneOrFail(StaffUser, { email: 'admin@hq.demo' })).id;
    for (const { key } of organization.franchises) {
      const [owner, doctor] = await Promise.all([em.findOneOrFail(StaffUser, { email: `owner@${key}.demo` }), em.findOneOrFail(StaffUser, { email: `doctor@${key}.demo` })]);
      await replay.as(owner.id, new Date(now - 60 * DAY), (ctx) =>
        updatePractitionerProfile(ctx, {
          doctorId: doctor.id,
          qualifications: [
            { name: '医师资格证', number: `${key === 'east' ? '131000000' : '151000000'}${(doctor.phone ?? '0000').slice(-4)}`, issuedBy: '国家卫生健康委员会', issuedOn: '2016-08-01', url: `https://files.pharmadesk.demo/${key}/doctor-license.pdf` },
            { name: '功能医学认证', issuedBy: '中国功能医学学会', issuedOn: '2021-05-20', url: `https://files.pharmadesk.demo/${key}/functional-medicine.pdf` },
          ],
          trainingHistory: [{ title: '慢病营养干预进阶', completedOn: '2024-11-15', provider: 'PharmaDesk 学院' }],
          caseStudies: [{ title: '高血压患者三个月饮食干预', summary: '通过饮食记录与复诊随访，收缩压下降约 15 mmHg。' }],
        }),
      );
      await replay.as(hqAdmin, new Date(now - 59 * DAY), (ctx) => verifyPractitioner(ctx, { doctorId: doctor.id, status: VerificationStatus.VERIFIED, note: '资质齐全，证书核验通过' }));
    }
  },
};
