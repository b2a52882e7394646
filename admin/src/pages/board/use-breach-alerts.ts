import { useTranslate } from '@refinedev/core';
import { App } from 'antd';
import { useEffect, useState } from 'react';
import { subscribe } from '../../data/request';

export interface AlertSettings {
  sound: boolean;
  desktop: boolean;
}

const STORAGE_KEY = 'pharmadesk.board.alerts';

function beep(): void {
  const AudioContextClass = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 880;
  gain.gain.value = 0.15;
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.35);
  oscillator.onended = () => void context.close();
}

/** SLA warnings and breaches as notifications on the board; optional sound and desktop notifications for breaches. */
export function useBreachAlerts() {
  const t = useTranslate();
  const { notification } = App.useApp();
  const [settings, setSettings] = useState<AlertSettings>(() => {
    try {
      return { sound: false, desktop: false, ...JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') };
    } catch {
      return { sound: false, desktop: false };
    }
  });

  const update = (next: Partial<AlertSettings>) => {
    const merged = { ...settings, ...next };
    if (next.desktop && 'Notification' in window && Notification.permission === 'default') void Notification.requestPermission();
    localStorage.setItem(STORAGE_KEY, JSON.stringify(merged));
    setSettings(merged);
  };

  useEffect(
    () =>
      subscribe<{ caseSlaAlerts: { level: string; case: { id: string; caseNo: string; subject: string } } }>('CaseSlaAlerts', {}, ({ caseSlaAlerts: alert }) => {
        const breached = alert.level === 'BREACHED';
        const message = t(breached ? 'board.breachAlert' : 'board.warningAlert', { caseNo: alert.case.caseNo });
        (breached ? notification.error : notification.warning)({ message, description: alert.case.subject, key: `${alert.case.id}-${alert.level}` });
        if (!breached) return;
        if (settings.sound) beep();
        if (settings.desktop && 'Notification' in window && Notification.permission === 'granted') new Notification(message, { body: alert.case.subject, tag: alert.case.id });
      }),
    [settings, notification, t],
  );

  return { settings, update };
}
