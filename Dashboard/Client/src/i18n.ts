// Client-side strings. The server renders pages in the request culture and writes it to <html lang>;
// the client follows that so server and browser text never disagree. zh-CN is the default.

export type Culture = 'zh-CN' | 'en';

const strings = {
  'zh-CN': {
    'live.connecting': '连接中',
    'live.online': '实时',
    'live.reconnecting': '重连中',
    'live.offline': '离线',
    'map.loading': '地图加载中…',
    'map.loadFailed': '地图数据加载失败',
    'grid.code': '网格编码',
    'grid.name': '网格',
    'grid.community': '村居',
    'grid.street': '镇街',
    'grid.none': '点击地图上的网格查看详情',
    'incident.here': '案件位置',
    'incident.camera': '摄像头',
    'incident.sensor': '传感器',
    'triage.presenter': '主讲',
    'triage.you': '我',
    'triage.guest': '访客',
    'triage.wall': '大屏',
    'triage.following': '跟随主讲视图',
    'triage.presenting': '您正在主讲，其他人跟随您的视图',
    'triage.incident': '事发位置',
    'triage.camera': '摄像头',
    'triage.sensor': '感知设备',
    'triage.enclaves': '插花地带',
    'triage.devices': '附近摄像头与感知设备',
    'triage.streets': '镇街边界',
    'triage.communities': '村居边界',
    'triage.grids': '网格',
    'triage.closed': '研判已结束，正在刷新…',
    'triage.newStep': '新记录',
  },
  en: {
    'live.connecting': 'Connecting',
    'live.online': 'Live',
    'live.reconnecting': 'Reconnecting',
    'live.offline': 'Offline',
    'map.loading': 'Loading map…',
    'map.loadFailed': 'Could not load the map data',
    'grid.code': 'Grid code',
    'grid.name': 'Grid',
    'grid.community': 'Community',
    'grid.street': 'Street',
    'incident.here': 'The case',
    'incident.camera': 'Camera',
    'incident.sensor': 'Sensor',
    'grid.none': 'Click a grid on the map to see its details',
    'triage.presenter': 'Presenting',
    'triage.you': 'you',
    'triage.guest': 'guest',
    'triage.wall': 'wall',
    'triage.following': 'Following the presenter',
    'triage.presenting': 'You are presenting; everyone follows your view',
    'triage.incident': 'Incident',
    'triage.camera': 'Camera',
    'triage.sensor': 'Sensor',
    'triage.enclaves': 'Enclaves',
    'triage.devices': 'Nearby cameras and sensors',
    'triage.streets': 'Street boundaries',
    'triage.communities': 'Community boundaries',
    'triage.grids': 'Grids',
    'triage.closed': 'The room is closed; reloading…',
    'triage.newStep': 'New',
  },
} as const satisfies Record<Culture, Record<string, string>>;

export type StringKey = keyof (typeof strings)['zh-CN'];

export function currentCulture(): Culture {
  const lang = document.documentElement.lang.toLowerCase();
  return lang.startsWith('en') ? 'en' : 'zh-CN';
}

export function t(key: StringKey, culture: Culture = currentCulture()): string {
  return strings[culture][key];
}

/** Picks the localized name of a city feature: `nameEn` in English when present, else the Chinese `name`. */
export function localName(props: { name?: unknown; nameEn?: unknown }, culture: Culture = currentCulture()): string {
  const zh = typeof props.name === 'string' ? props.name : '';
  if (culture === 'en' && typeof props.nameEn === 'string' && props.nameEn.length > 0) {
    return props.nameEn;
  }
  return zh;
}
