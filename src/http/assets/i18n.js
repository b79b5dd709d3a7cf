// The UI's words in English, Armenian and Russian, the chosen language, and
// vocabulary labels (from /api/v1/vocab, cached).

export const kLanguages = [
  { code: 'en', name: 'English' },
  { code: 'hy', name: 'Հայերեն' },
  { code: 'ru', name: 'Русский' },
];

// key: [en, hy, ru]
const kWords = {
  app_name: ['vka — witness', 'vka — վկա', 'vka — свидетель'],
  skip_to_main: ['Skip to content', 'Անցնել բովանդակությանը', 'Перейти к содержимому'],
  language: ['Language', 'Լեզու', 'Язык'],
  login: ['Sign in', 'Մուտք', 'Войти'],
  logout: ['Sign out', 'Ելք', 'Выйти'],
  user_name: ['User name', 'Օգտանուն', 'Имя пользователя'],
  password: ['Password', 'Գաղտնաբառ', 'Пароль'],
  totp: ['Code from your authenticator app', 'Նույնականացման հավելվածի կոդը', 'Код из приложения-аутентификатора'],
  login_failed: ['Wrong name, password or code.', 'Սխալ անուն, գաղտնաբառ կամ կոդ։', 'Неверное имя, пароль или код.'],
  login_throttled: ['Too many attempts. Try again later.', 'Չափազանց շատ փորձեր։ Փորձեք ավելի ուշ։', 'Слишком много попыток. Повторите позже.'],
  login_locked: ['This account is disabled or locked. Ask an administrator.', 'Հաշիվն անջատված է կամ արգելափակված։ Դիմեք ադմինիստրատորին։', 'Учётная запись отключена или заблокирована. Обратитесь к администратору.'],
  change_password: ['Change password', 'Փոխել գաղտնաբառը', 'Сменить пароль'],
  must_change_password: ['Your password was set by someone else. Choose your own before you continue.', 'Ձեր գաղտնաբառը սահմանել է ուրիշը։ Շարունակելուց առաջ ընտրեք ձերը։', 'Ваш пароль задал кто-то другой. Прежде чем продолжить, выберите свой.'],
  current_password: ['Current password', 'Ընթացիկ գաղտնաբառ', 'Текущий пароль'],
  new_password: ['New password', 'Նոր գաղտնաբառ', 'Новый пароль'],
  repeat_password: ['New password again', 'Նոր գաղտնաբառը կրկին', 'Новый пароль ещё раз'],
  password_rule: ['At least 12 characters, not your user name.', 'Առնվազն 12 նիշ, ոչ ձեր օգտանունը։', 'Не менее 12 символов, не совпадает с именем пользователя.'],
  passwords_differ: ['The two new passwords differ.', 'Երկու նոր գաղտնաբառերը տարբեր են։', 'Новые пароли не совпадают.'],
  password_changed: ['Password changed. Sign in with the new one.', 'Գաղտնաբառը փոխված է։ Մուտք գործեք նորով։', 'Пароль изменён. Войдите с новым паролем.'],
  signed_in_as: ['Signed in as', 'Մուտք եք գործել որպես', 'Вы вошли как'],
  role: ['Role', 'Դեր', 'Роль'],
  dashboard: ['Dashboard', 'Վահանակ', 'Обзор'],
  records: ['Records', 'Գրառումներ', 'Записи'],
  search: ['Search', 'Որոնում', 'Поиск'],
  search_placeholder: ['Names, places, testimony text — any script', 'Անուններ, վայրեր, վկայություններ — ցանկացած գրով', 'Имена, места, текст показаний — любым письмом'],
  search_results: ['Search results', 'Որոնման արդյունքներ', 'Результаты поиска'],
  no_results: ['Nothing found.', 'Ոչինչ չի գտնվել։', 'Ничего не найдено.'],
  search_unavailable: ['Search is not available on this server.', 'Որոնումը հասանելի չէ այս սերվերում։', 'Поиск недоступен на этом сервере.'],
  kind: ['Kind', 'Տեսակ', 'Вид'],
  all_kinds: ['All kinds', 'Բոլոր տեսակները', 'Все виды'],
  count: ['Count', 'Քանակ', 'Количество'],
  latest_changes: ['Latest changes', 'Վերջին փոփոխությունները', 'Последние изменения'],
  when: ['When', 'Երբ', 'Когда'],
  by: ['By', 'Ով', 'Кто'],
  reason: ['Reason', 'Պատճառ', 'Причина'],
  revision: ['Revision', 'Խմբագրություն', 'Редакция'],
  add: ['Add', 'Ավելացնել', 'Добавить'],
  add_kind: ['Add {kind}', 'Ավելացնել՝ {kind}', 'Добавить: {kind}'],
  edit: ['Edit', 'Խմբագրել', 'Изменить'],
  delete: ['Delete', 'Ջնջել', 'Удалить'],
  deleted: ['Deleted', 'Ջնջված', 'Удалено'],
  delete_reason: ['Why is this record deleted? (its history stays)', 'Ինչո՞ւ է ջնջվում գրառումը (պատմությունը պահպանվում է)', 'Почему запись удаляется? (история сохраняется)'],
  save: ['Save', 'Պահպանել', 'Сохранить'],
  cancel: ['Cancel', 'Չեղարկել', 'Отмена'],
  remove: ['Remove', 'Հեռացնել', 'Убрать'],
  add_item: ['Add another', 'Ավելացնել ևս մեկը', 'Добавить ещё'],
  filter: ['Filter', 'Զտիչ', 'Фильтр'],
  field: ['Field', 'Դաշտ', 'Поле'],
  value: ['Value', 'Արժեք', 'Значение'],
  apply: ['Apply', 'Կիրառել', 'Применить'],
  clear: ['Clear', 'Մաքրել', 'Сбросить'],
  previous: ['Previous', 'Նախորդ', 'Назад'],
  next: ['Next', 'Հաջորդ', 'Далее'],
  showing: ['Showing {from}–{to}', 'Ցուցադրվում է {from}–{to}', 'Показано {from}–{to}'],
  loading: ['Loading…', 'Բեռնվում է…', 'Загрузка…'],
  error: ['Error', 'Սխալ', 'Ошибка'],
  not_found: ['Not found.', 'Չի գտնվել։', 'Не найдено.'],
  permission_denied: ['You may not do this.', 'Դուք իրավունք չունեք դա անելու։', 'У вас нет прав на это действие.'],
  fix_errors: ['The server refused the record. Fix the fields marked below.', 'Սերվերը մերժեց գրառումը։ Ուղղեք նշված դաշտերը։', 'Сервер отклонил запись. Исправьте отмеченные поля.'],
  saved: ['Saved.', 'Պահպանված է։', 'Сохранено.'],
  change_reason: ['Reason for the change', 'Փոփոխության պատճառը', 'Причина изменения'],
  fields: ['Fields', 'Դաշտեր', 'Поля'],
  sources: ['Sources', 'Աղբյուրներ', 'Источники'],
  no_sources: ['No source is linked to this record yet.', 'Այս գրառմանը դեռ ոչ մի աղբյուր կապված չէ։', 'С этой записью пока не связан ни один источник.'],
  excerpt: ['Excerpt', 'Հատված', 'Выдержка'],
  locator: ['Locator', 'Տեղորոշիչ', 'Место в источнике'],
  reliability: ['Reliability', 'Հուսալիություն', 'Надёжность'],
  credibility: ['Credibility', 'Արժանահավատություն', 'Достоверность'],
  stance: ['Stance', 'Դիրքորոշում', 'Позиция'],
  history: ['Revision history', 'Խմբագրությունների պատմություն', 'История редакций'],
  changes: ['Changes', 'Փոփոխություններ', 'Изменения'],
  old_value: ['Before', 'Նախկինում', 'Было'],
  new_value: ['After', 'Հետո', 'Стало'],
  created: ['created', 'ստեղծված', 'создано'],
  proof: ['Log proof', 'Մատյանի ապացույց', 'Доказательство по журналу'],
  proof_intro: ['This revision is leaf {leaf} of the signed transparency log of {size} leaves. Anyone can check the inclusion proof against the checkpoint.', 'Այս խմբագրությունը ստորագրված թափանցիկության մատյանի {size} տերևներից {leaf}-րդն է։ Ցանկացած ոք կարող է ստուգել ներառման ապացույցը ստուգակետի դեմ։', 'Эта редакция — лист {leaf} подписанного журнала прозрачности из {size} листов. Любой может проверить доказательство включения по контрольной точке.'],
  root_hash: ['Root hash', 'Արմատային հեշ', 'Корневой хеш'],
  checkpoint: ['Checkpoint', 'Ստուգակետ', 'Контрольная точка'],
  add_information: ['Link a source to this record', 'Կապել աղբյուր այս գրառմանը', 'Связать источник с этой записью'],
  add_act_victim: ['Add an act against this person', 'Ավելացնել արարք այս անձի նկատմամբ', 'Добавить деяние в отношении этого лица'],
  add_act_event: ['Add an act in this event', 'Ավելացնել արարք այս իրադարձությունում', 'Добавить деяние в рамках этого события'],
  add_person: ['Add a person', 'Ավելացնել անձ', 'Добавить лицо'],
  evidence: ['Evidence files', 'Ապացուցողական ֆայլեր', 'Файлы доказательств'],
  upload: ['Upload evidence', 'Վերբեռնել ապացույց', 'Загрузить доказательство'],
  upload_file: ['File', 'Ֆայլ', 'Файл'],
  upload_source: ['Source record the file belongs to', 'Աղբյուրը, որին պատկանում է ֆայլը', 'Источник, к которому относится файл'],
  captured_at: ['Captured at (EDTF date)', 'Ֆիքսման ամսաթիվ (EDTF)', 'Дата съёмки (EDTF)'],
  note: ['Note', 'Նշում', 'Примечание'],
  start_upload: ['Upload', 'Վերբեռնել', 'Загрузить'],
  pause: ['Pause', 'Դադար', 'Пауза'],
  resume: ['Resume', 'Շարունակել', 'Продолжить'],
  resuming: ['Resuming an interrupted upload at {n}.', 'Շարունակվում է ընդհատված վերբեռնումը՝ {n}-ից։', 'Продолжается прерванная загрузка с {n}.'],
  uploaded: ['Uploaded and sealed in the log.', 'Վերբեռնված է և գրանցված մատյանում։', 'Загружено и зафиксировано в журнале.'],
  sha256: ['SHA-256', 'SHA-256', 'SHA-256'],
  size: ['Size', 'Չափ', 'Размер'],
  mime: ['Type', 'Տեսակ', 'Тип'],
  custody: ['Chain of custody', 'Պահպանման շղթա', 'Цепочка хранения'],
  record_custody: ['Record an action', 'Գրանցել գործողություն', 'Записать действие'],
  custody_recorded: ['Recorded in the chain of custody and sealed in the log.', 'Գրանցված է պահպանման շղթայում և մատյանում։', 'Записано в цепочку хранения и зафиксировано в журнале.'],
  custody_date_hint: ['EDTF date or timestamp; empty for today', 'EDTF ամսաթիվ կամ ժամանակ․ դատարկ՝ այսօրվա համար', 'Дата EDTF или время; пусто — сегодня'],
  custody_counterpart_hint: ['The other organisation or person (a name or a record id); required for a transfer or a return', 'Մյուս կազմակերպությունը կամ անձը (անուն կամ գրառման id)․ պարտադիր է փոխանցման կամ վերադարձի համար', 'Другая организация или лицо (имя или id записи); обязательно для передачи и возврата'],
  custody_reason: ['Reason (kept with the event\'s revision)', 'Պատճառ (պահպանվում է իրադարձության տարբերակի հետ)', 'Причина (сохраняется в редакции события)'],
  download: ['Download', 'Ներբեռնել', 'Скачать'],
  import: ['Import', 'Ներմուծում', 'Импорт'],
  import_intro: ['Import NDJSON (one record per line) or CSV. All or nothing: if any line is wrong, nothing is written and the errors are listed.', 'Ներմուծեք NDJSON (մեկ գրառում յուրաքանչյուր տողում) կամ CSV։ Ամբողջը կամ ոչինչ․ եթե որևէ տող սխալ է, ոչինչ չի գրվում, և սխալները թվարկվում են։', 'Импорт NDJSON (одна запись на строку) или CSV. Всё или ничего: если хоть одна строка неверна, ничего не записывается и выводится список ошибок.'],
  format: ['Format', 'Ձևաչափ', 'Формат'],
  data_file: ['Data file', 'Տվյալների ֆայլ', 'Файл данных'],
  or_paste: ['or paste the data', 'կամ տեղադրեք տվյալները', 'или вставьте данные'],
  imported: ['{n} records imported.', 'Ներմուծված է {n} գրառում։', 'Импортировано записей: {n}.'],
  import_errors: ['Nothing was imported. Errors:', 'Ոչինչ չի ներմուծվել։ Սխալներ՝', 'Ничего не импортировано. Ошибки:'],
  line: ['Line', 'Տող', 'Строка'],
  problem: ['Problem', 'Խնդիր', 'Проблема'],
  export: ['Export', 'Արտահանում', 'Экспорт'],
  export_intro: ['Exports contain only what your role may read.', 'Արտահանումը պարունակում է միայն այն, ինչ ձեր դերը թույլ է տալիս կարդալ։', 'Экспорт содержит только то, что разрешено читать вашей роли.'],
  matrix: ['Case matrix', 'Գործի մատրից', 'Матрица дела'],
  matrix_status: ['Status', 'Կարգավիճակ', 'Статус'],
  supporting: ['Supporting', 'Հաստատող', 'Подтверждают'],
  contradicting: ['Contradicting', 'Հակասող', 'Противоречат'],
  origins: ['Independent origins', 'Անկախ ծագումներ', 'Независимые происхождения'],
  gaps: ['Gaps', 'Բացթողումներ', 'Пробелы'],
  element: ['Element', 'Տարր', 'Элемент'],
  suggestions: ['Suggestions', 'Առաջարկներ', 'Предложения'],
  accept: ['Accept', 'Ընդունել', 'Принять'],
  reject: ['Reject', 'Մերժել', 'Отклонить'],
  rationale: ['Rationale', 'Հիմնավորում', 'Обоснование'],
  decided: ['Decision recorded.', 'Որոշումը գրանցված է։', 'Решение записано.'],
  link_review: ['Link review', 'Կապերի վերանայում', 'Проверка связей'],
  link_intro: ['Pairs of person records that may be the same person. Records are never merged; a decision is recorded as a person link.', 'Անձերի գրառումների զույգեր, որոնք կարող են նույն անձը լինել։ Գրառումները երբեք չեն միավորվում. որոշումը գրանցվում է որպես անձերի կապ։', 'Пары записей о лицах, которые могут относиться к одному человеку. Записи никогда не объединяются; решение записывается как связь лиц.'],
  probability: ['Match probability', 'Համընկնման հավանականություն', 'Вероятность совпадения'],
  charts: ['Charts', 'Գծապատկերներ', 'Диаграммы'],
  situation: ['Situation', 'Իրադրություն', 'Ситуация'],
  reports: ['Reports', 'Զեկույցներ', 'Отчёты'],
  dossier: ['Dossier (PDF)', 'Դոսյե (PDF)', 'Досье (PDF)'],
  dossier_intro: ['The dossier is generated from the current records; it may take a while on a large workspace.', 'Դոսյեն ստեղծվում է ընթացիկ գրառումներից. մեծ աշխատատարածքում կարող է երկար տևել։', 'Досье формируется из текущих записей; в большом рабочем пространстве это может занять время.'],
  unavailable: ['Not available on this server.', 'Հասանելի չէ այս սերվերում։', 'Недоступно на этом сервере.'],
  // Analysis pages (view_engines.js)
  qualifications: ['Crimes assessed', 'Գնահատված հանցագործություններ', 'Оцениваемые преступления'],
  elements: ['Elements', 'Տարրեր', 'Элементы'],
  elements_meeting: ['Elements meeting the criteria', 'Չափանիշներին համապատասխանող տարրեր', 'Элементы, отвечающие критериям'],
  standard: ['Standard of proof', 'Ապացուցման չափանիշ', 'Стандарт доказывания'],
  standard_criteria: ['at least {origins} independent origin(s), source {reliability} or better, information {credibility} or better', 'առնվազն {origins} անկախ ծագում, աղբյուր՝ {reliability} կամ ավելի լավ, տեղեկություն՝ {credibility} կամ ավելի լավ', 'не менее {origins} независимых происхождений, источник {reliability} или лучше, сведения {credibility} или лучше'],
  matrix_role_note: ['Computed only from the records your role may read.', 'Հաշվարկված է միայն այն գրառումներից, որոնք ձեր դերը կարող է կարդալ։', 'Рассчитано только по записям, которые разрешено читать вашей роли.'],
  contested: ['contested', 'վիճարկվող', 'оспаривается'],
  record_col: ['Record', 'Գրառում', 'Запись'],
  source_col: ['Source', 'Աղբյուր', 'Источник'],
  all_statuses: ['All', 'Բոլորը', 'Все'],
  shown_of: ['Showing {shown} of {total}.', 'Ցուցադրված է {shown}-ը {total}-ից։', 'Показано {shown} из {total}.'],
  sources_n: ['{n} source(s)', '{n} աղբյուր', 'источников: {n}'],
  prior_weight: ['prior', 'նախնական', 'априорно'],
  total_weight: ['total', 'ընդամենը', 'итого'],
  names_swapped: ['given and family names swapped', 'անունն ու ազգանունը փոխված են', 'имя и фамилия переставлены'],
  agreement: ['Agreement', 'Համընկնում', 'Совпадение'],
  weight: ['Weight (bits)', 'Կշիռ (բիթ)', 'Вес (биты)'],
  tf_weight: ['Name frequency', 'Անվան հաճախականություն', 'Частота имени'],
  rationale_required: ['Give a rationale first.', 'Նախ նշեք հիմնավորումը։', 'Сначала укажите обоснование.'],
  synthetic_banner: ['SYNTHETIC DATA — fictional, for trying vka out. Nothing here describes real people.', 'ՍԻՆԹԵՏԻԿ ՏՎՅԱԼՆԵՐ — հորինված, vka-ն փորձելու համար։ Այստեղ ոչինչ իրական մարդկանց մասին չէ։', 'СИНТЕТИЧЕСКИЕ ДАННЫЕ — вымышленные, для знакомства с vka. Здесь нет сведений о реальных людях.'],
  yes: ['yes', 'այո', 'да'],
  no: ['no', 'ոչ', 'нет'],
  required: ['required', 'պարտադիր', 'обязательно'],
  sensitive: ['sensitive', 'զգայուն', 'чувствительное'],
  edtf_hint: ['EDTF date, e.g. 1990-04-02, 1990-04, 1990-04-02/1990-04-06, 1990~', 'EDTF ամսաթիվ, օր.՝ 1990-04-02, 1990-04, 1990-04-02/1990-04-06, 1990~', 'Дата EDTF, напр. 1990-04-02, 1990-04, 1990-04-02/1990-04-06, 1990~'],
  ref_hint: ['Record id ({kinds}) — type to search', 'Գրառման id ({kinds}) — մուտքագրեք որոնելու համար', 'Id записи ({kinds}) — начните вводить для поиска'],
  not_set: ['—', '—', '—'],
  open: ['Open', 'Բացել', 'Открыть'],
  id: ['Id', 'Id', 'Id'],
  label: ['Label', 'Անվանում', 'Название'],
  memorial: ['Memorial', 'Հուշահամալիր', 'Мемориал'],
  more: ['More', 'Ավելին', 'Ещё'],
  more_than: ['{n}+', '{n}+', '{n}+'],
  json: ['JSON', 'JSON', 'JSON'],
  // Memorial
  memorial_title: ['In memory', 'Հիշատակին', 'Памяти'],
  memorial_intro: ['The documented events, the people named with their families\' consent, and the sources that are public. Everything else stays confidential.', 'Փաստագրված իրադարձությունները, ընտանիքների համաձայնությամբ անվանված մարդիկ և հրապարակային աղբյուրները։ Մնացածը գաղտնի է մնում։', 'Задокументированные события, люди, названные с согласия их семей, и открытые источники. Всё остальное остаётся конфиденциальным.'],
  timeline: ['Timeline', 'Ժամանակագրություն', 'Хронология'],
  victims: ['Victims', 'Զոհեր', 'Жертвы'],
  named_victims: ['Named with consent', 'Անվանված համաձայնությամբ', 'Названы с согласия'],
  unnamed_count: ['{n} more victims are documented but not named, to protect them and their families.', 'Փաստագրված է ևս {n} զոհ, որոնց անունները չեն հրապարակվում՝ նրանց և ընտանիքների պաշտպանության համար։', 'Задокументированы ещё {n} жертв, чьи имена не публикуются ради защиты их и их семей.'],
  places: ['Places', 'Վայրեր', 'Места'],
  public_sources: ['Public sources', 'Հրապարակային աղբյուրներ', 'Открытые источники'],
  statistics: ['Statistics', 'Վիճակագրություն', 'Статистика'],
  caveat: ['Caveat', 'Զգուշացում', 'Оговорка'],
  verify: ['Verify', 'Ստուգել', 'Проверка'],
  verify_intro: ['The archive is an append-only, signed log. This is its current checkpoint:', 'Արխիվը միայն լրացվող, ստորագրված մատյան է։ Ահա նրա ընթացիկ ստուգակետը՝', 'Архив — это подписанный журнал, в который можно только дописывать. Его текущая контрольная точка:'],
  nothing_public: ['Nothing has been published yet.', 'Դեռ ոչինչ չի հրապարակվել։', 'Пока ничего не опубликовано.'],
  stat_events: ['Documented events', 'Փաստագրված իրադարձություններ', 'Задокументированные события'],
  stat_acts: ['Documented acts', 'Փաստագրված արարքներ', 'Задокументированные деяния'],
  stat_acts_by_type: ['Acts by type', 'Արարքներն ըստ տեսակի', 'Деяния по типам'],
  stat_victims: ['Victims', 'Զոհեր', 'Жертвы'],
  stat_places: ['Places', 'Վայրեր', 'Места'],
  stat_sources: ['Public sources', 'Հրապարակային աղբյուրներ', 'Открытые источники'],
  staff_login: ['Sign in (staff)', 'Մուտք (աշխատակիցներ)', 'Вход (сотрудники)'],
  // Claims registry (view_claims.js)
  claims: ['Claims registry', 'Պահանջների ռեեստր', 'Реестр требований'],
  claims_summary: ['Registry summary', 'Ռեեստրի ամփոփում', 'Сводка по реестру'],
  claims_duplicates: ['Duplicates and overlaps', 'Կրկնություններ և համընկնումներ', 'Дубликаты и пересечения'],
  add_claim: ['Add a claim', 'Ավելացնել պահանջ', 'Добавить требование'],
  claim_title: ['Claim {id}', 'Պահանջ {id}', 'Требование {id}'],
  claim_facts: ['Claimant and harms', 'Հայցվորը և վնասները', 'Заявитель и ущерб'],
  claim_evidence: ['Evidence', 'Ապացույցներ', 'Доказательства'],
  open_record: ['Full record', 'Ամբողջական գրառումը', 'Полная запись'],
  track: ['Track', 'Ընթացակարգ', 'Порядок рассмотрения'],
  any: ['Any', 'Ցանկացած', 'Любой'],
  filed: ['Filed', 'Ներկայացման ամսաթիվ', 'Дата подачи'],
  harm_date: ['Date of harm', 'Վնասի ամսաթիվ', 'Дата причинения ущерба'],
  valuation: ['Valuation', 'Գնահատում', 'Оценка'],
  valuation_in: ['Amounts in {ref}: mid (low–high).', 'Գումարները՝ {ref}. միջին (նվազագույն–առավելագույն)։', 'Суммы в {ref}: среднее (мин.–макс.).'],
  bounds_note: ['Bounds are interval sums (every part at its worst), not confidence intervals.', 'Սահմանները միջակայքերի գումարներ են (յուրաքանչյուր մաս՝ իր ծայրահեղ արժեքով), ոչ թե վստահության միջակայքեր։', 'Границы — суммы интервалов (каждая часть в худшем случае), а не доверительные интервалы.'],
  claimed: ['Claimed', 'Պահանջված', 'Заявлено'],
  awarded: ['Awarded', 'Տրամադրված', 'Присуждено'],
  amounts: ['Amounts claimed', 'Պահանջվող գումարներ', 'Заявленные суммы'],
  form: ['Form', 'Ձև', 'Форма'],
  low: ['Low', 'Նվազագույն', 'Мин.'],
  high: ['High', 'Առավելագույն', 'Макс.'],
  deadlines: ['Deadlines', 'Ժամկետներ', 'Сроки'],
  no_deadlines: ['No deadlines.', 'Ժամկետներ չկան։', 'Сроков нет.'],
  overdue: ['overdue', 'ժամկետանց', 'просрочено'],
  reasons: ['Reasons', 'Պատճառաբանություն', 'Мотивировка'],
  legal_basis: ['Legal basis', 'Իրավական հիմք', 'Правовое основание'],
  legal_basis_hint: ['Knowledge base ids separated by spaces, e.g. bpg.20 pinheiro.2', 'Գիտելիքների բազայի id-ներ՝ բացատով բաժանված, օր.՝ bpg.20 pinheiro.2', 'Id базы знаний через пробел, напр. bpg.20 pinheiro.2'],
  claim_evidence_ids: ['Evidence cited (source or information ids)', 'Վկայակոչված ապացույցներ (աղբյուրների կամ տեղեկությունների id-ներ)', 'Приведённые доказательства (id источников или сведений)'],
  decision_date: ['Decision date (default: today)', 'Որոշման ամսաթիվ (լռելյայն՝ այսօր)', 'Дата решения (по умолчанию сегодня)'],
  awards: ['Awards', 'Տրամադրված գումարներ', 'Присуждённые суммы'],
  add_award: ['Add an award', 'Ավելացնել գումար', 'Добавить сумму'],
  precedent: ['Precedent claim', 'Նախադեպային պահանջ', 'Прецедентное требование'],
  workflow: ['Workflow', 'Ընթացք', 'Ход рассмотрения'],
  next_statuses: ['Possible next statuses', 'Հնարավոր հաջորդ կարգավիճակներ', 'Возможные следующие статусы'],
  final_status: ['This status is final: the claim moves no further.', 'Այս կարգավիճակը վերջնական է․ պահանջն այլևս չի փոխանցվում։', 'Это окончательный статус: дальнейших переходов нет.'],
  no_moves_for_role: ['Your role may not make these moves.', 'Ձեր դերը չի կարող կատարել այս փոխանցումները։', 'Ваша роль не может выполнять эти переходы.'],
  next_status: ['New status', 'Նոր կարգավիճակ', 'Новый статус'],
  transition_reason: ['Reason (kept in the claim\'s history)', 'Պատճառ (պահպանվում է պահանջի պատմության մեջ)', 'Причина (сохраняется в истории требования)'],
  move_claim: ['Move the claim', 'Փոխանցել պահանջը', 'Перевести требование'],
  moved: ['Moved to {status}.', 'Փոխանցված է՝ {status}։', 'Переведено в статус «{status}».'],
  move_refused: ['Refused. From its current status the claim may go to: {list}', 'Մերժված է։ Ընթացիկ կարգավիճակից պահանջը կարող է անցնել՝ {list}', 'Отклонено. Из текущего статуса требование может перейти в: {list}'],
  group_by: ['Group by', 'Խմբավորել ըստ', 'Группировать по'],
  total_only: ['Total only', 'Միայն ընդհանուրը', 'Только итог'],
  tables_version: ['valuation tables {v}', 'գնահատման աղյուսակներ՝ {v}', 'таблицы оценки {v}'],
  claims_count: ['Claims', 'Պահանջներ', 'Требования'],
  unvalued: ['Amounts not valued', 'Չգնահատված գումարներ', 'Неоценённые суммы'],
  total: ['Total', 'Ընդամենը', 'Итого'],
  summary_scope: ['Only claims your role may read are counted.', 'Հաշվվում են միայն այն պահանջները, որոնք ձեր դերը կարող է կարդալ։', 'Учитываются только требования, доступные вашей роли.'],
  duplicates_intro: ['Claims that may duplicate or overlap each other. Claims are never merged: a reviewer confirms or dismisses each flag with a rationale, recorded in the history of every claim it names.', 'Պահանջներ, որոնք կարող են կրկնել կամ համընկնել միմյանց։ Պահանջները երբեք չեն միավորվում. վերանայողը հիմնավորմամբ հաստատում կամ մերժում է յուրաքանչյուր նշում, և դա գրանցվում է դրանում նշված յուրաքանչյուր պահանջի պատմության մեջ։', 'Требования, которые могут дублировать друг друга или пересекаться. Требования никогда не объединяются: рецензент с обоснованием подтверждает или отклоняет каждую отметку, и это записывается в историю каждого названного в ней требования.'],
  flag_type: ['Kind of flag', 'Նշման տեսակ', 'Тип отметки'],
  unreviewed_only: ['Only unreviewed', 'Միայն չվերանայվածները', 'Только непроверенные'],
  unreviewed: ['Not reviewed yet', 'Դեռ չի վերանայվել', 'Ещё не проверено'],
  decided_by: ['{decision} by {who}', '{decision} ({who})', '{decision} ({who})'],
  no_flags: ['No flags.', 'Նշումներ չկան։', 'Отметок нет.'],
  reason_required: ['Give a rationale first.', 'Նախ նշեք հիմնավորումը։', 'Сначала укажите обоснование.'],
  confirm: ['Confirm', 'Հաստատել', 'Подтвердить'],
  dismiss: ['Dismiss', 'Մերժել', 'Отклонить'],
  // Mass claims, statements (view_claims.js)
  mass_claims: ['Mass-claims processing', 'Զանգվածային պահանջների մշակում', 'Массовая обработка требований'],
  route_claims: ['Route claims to tracks', 'Բաշխել պահանջներն ըստ ընթացակարգերի', 'Распределить требования по порядкам рассмотрения'],
  route_intro: ['The built-in routing rules assign every claim not yet decided to a track. Preview first: nothing is written until you confirm.', 'Ներկառուցված կանոնները յուրաքանչյուր դեռ չորոշված պահանջ վերագրում են որևէ ընթացակարգի։ Նախ դիտեք արդյունքը. ոչինչ չի գրանցվում, մինչև չհաստատեք։', 'Встроенные правила относят каждое ещё не решённое требование к порядку рассмотрения. Сначала просмотрите результат: ничего не записывается до подтверждения.'],
  preview_routing: ['Preview the routing', 'Դիտել բաշխումը', 'Просмотреть распределение'],
  confirm_routing: ['Confirm and route', 'Հաստատել և բաշխել', 'Подтвердить и распределить'],
  route_would_change: ['{n} claims would change track.', '{n} պահանջ կփոխի ընթացակարգը։', 'Порядок рассмотрения изменится у {n} требований.'],
  route_changed: ['{n} claims changed track.', '{n} պահանջ փոխեց ընթացակարգը։', 'Порядок рассмотрения изменён у {n} требований.'],
  route_considered: ['Claims considered: {n}', 'Դիտարկված պահանջներ՝ {n}', 'Рассмотрено требований: {n}'],
  draw_sample: ['Draw a verification sample', 'Կազմել ստուգման ընտրանք', 'Сформировать выборку для проверки'],
  sample_intro: ['A random sample of a category of claims; checking it gives the category\'s error rate with a stated confidence.', 'Պահանջների կատեգորիայի պատահական ընտրանք. դրա ստուգումը տալիս է կատեգորիայի սխալների մակարդակը՝ նշված վստահությամբ։', 'Случайная выборка из категории требований; её проверка даёт долю ошибок в категории с заявленной доверительной вероятностью.'],
  margin: ['Margin', 'Սխալի սահման', 'Погрешность'],
  confidence: ['Confidence', 'Վստահություն', 'Доверительная вероятность'],
  sample_needs_category: ['Choose a track or a status.', 'Ընտրեք ընթացակարգ կամ կարգավիճակ։', 'Выберите порядок рассмотрения или статус.'],
  sample_title: ['Verification sample {id}', 'Ստուգման ընտրանք {id}', 'Проверочная выборка {id}'],
  sample_meta: ['{n} of the {total} claims of {population}, drawn {drawn} (seed {seed}, margin {margin}, confidence {confidence}).', '{population} կատեգորիայի {total} պահանջից {n}-ը, կազմված՝ {drawn} (seed {seed}, սխալի սահման {margin}, վստահություն {confidence})։', '{n} из {total} требований категории {population}, сформирована {drawn} (seed {seed}, погрешность {margin}, доверительная вероятность {confidence}).'],
  sample_progress: ['Findings recorded: {done} of {n}.', 'Գրանցված արդյունքներ՝ {done}՝ {n}-ից։', 'Записано результатов: {done} из {n}.'],
  sample_hidden: ['{n} sampled claims are not shown: your role may not read them.', 'Ընտրանքի {n} պահանջ ցույց չի տրվում. ձեր դերը չի կարող դրանք կարդալ։', 'Не показано требований выборки: {n} — ваша роль не может их читать.'],
  finding: ['Finding', 'Արդյունք', 'Результат'],
  checker: ['Checked by', 'Ստուգող', 'Проверил'],
  correct: ['Correct', 'Ճիշտ է', 'Верно'],
  error_found: ['Error', 'Սխալ', 'Ошибка'],
  note_required: ['Write a note first.', 'Նախ գրեք նշում։', 'Сначала напишите примечание.'],
  sample_conclusion: ['{errors} errors in {checked} checked claims (point estimate {point}). With {confidence} confidence the error rate of the {total} claims of {population} is at most {upper}.', 'Ստուգված {checked} պահանջում՝ {errors} սխալ (կետային գնահատական՝ {point})։ {confidence} վստահությամբ {population} կատեգորիայի {total} պահանջների սխալների մակարդակը չի գերազանցում {upper}։', 'Ошибок: {errors} из {checked} проверенных требований (точечная оценка {point}). С доверительной вероятностью {confidence} доля ошибок среди {total} требований категории {population} не превышает {upper}.'],
  apply_precedent: ['Apply a precedent', 'Կիրառել նախադեպ', 'Применить прецедент'],
  precedent_intro: ['Decide verified claims as a decided claim was. Review the decisions first; nothing is written until you apply them.', 'Որոշել ստուգված պահանջները այնպես, ինչպես որոշվել է արդեն որոշված պահանջը։ Նախ վերանայեք որոշումները. ոչինչ չի գրանցվում, մինչև չկիրառեք։', 'Решить проверенные требования так же, как было решено прецедентное требование. Сначала просмотрите решения: ничего не записывается, пока вы их не примените.'],
  precedent_targets: ['Claims to decide (ids separated by spaces)', 'Որոշվող պահանջներ (նույնացուցիչներ՝ բացատներով)', 'Требования для решения (идентификаторы через пробел)'],
  review_decisions: ['Review the decisions', 'Վերանայել որոշումները', 'Просмотреть решения'],
  apply_decisions: ['Apply the decisions', 'Կիրառել որոշումները', 'Применить решения'],
  precedent_review: ['{n} claims would be decided: {outcome}.', '{n} պահանջ կորոշվի՝ {outcome}։', 'Будет решено требований: {n} — {outcome}.'],
  precedent_applied: ['{n} claims decided.', '{n} պահանջ որոշված է։', 'Решено требований: {n}.'],
  statement_pdf: ['Claimant\'s statement (PDF)', 'Հայցվորի քաղվածք (PDF)', 'Выписка для заявителя (PDF)'],
  statement_in: ['Statement in {language}', 'Քաղվածք՝ {language}', 'Выписка: {language}'],
  // Audit trail page (view_audit.js)
  audit: ['Audit trail', 'Աուդիտի մատյան', 'Журнал аудита'],
  audit_intro: ['Every change and every read of restricted data: who, when, what, from where. Newest first.', 'Յուրաքանչյուր փոփոխություն և սահմանափակ տվյալների յուրաքանչյուր ընթերցում՝ ով, երբ, ինչ, որտեղից։ Նորերը՝ առաջինը։', 'Каждое изменение и каждое чтение данных ограниченного доступа: кто, когда, что, откуда. Сначала новые.'],
  audit_count: ['{n} entries shown.', 'Ցուցադրված է {n} գրառում։', 'Показано записей: {n}.'],
  audit_actor: ['User', 'Օգտատեր', 'Пользователь'],
  audit_action: ['Action', 'Գործողություն', 'Действие'],
  audit_target: ['Target', 'Թիրախ', 'Объект'],
  audit_detail: ['Detail', 'Մանրամասն', 'Подробности'],
  audit_from: ['From', 'Որտեղից', 'Откуда'],
  audit_since: ['Since', 'Սկսած', 'С'],
  audit_limit: ['Newest', 'Վերջին', 'Последние'],
  audit_apply: ['Filter', 'Զտել', 'Фильтровать'],
  // Charts page (view_engines.js)
  charts_role_note: ['Counted and drawn only from the records your role may read.', 'Հաշվված և պատկերված է միայն այն գրառումներից, որոնք ձեր դերը կարող է կարդալ։', 'Подсчитано и построено только по записям, которые разрешено читать вашей роли.'],
  stats_summary: ['{acts} documented acts, {victims} identified victims, {unidentified} unidentified victims.', '{acts} փաստագրված արարք, {victims} նույնականացված զոհ, {unidentified} չնույնականացված զոհ։', 'Задокументированных деяний: {acts}; установленных жертв: {victims}; неустановленных жертв: {unidentified}.'],
  estimate_kept: ['Estimated by multiple systems estimation: {counts} (table {file}, {lists} lists). Documented counts are lower bounds.', 'Գնահատված բազմակի համակարգերի գնահատմամբ՝ {counts} (աղյուսակ {file}, {lists} ցուցակ)։ Փաստագրված թվերը ստորին սահմաններ են։', 'Оценка методом множественных систем: {counts} (таблица {file}, списков: {lists}). Задокументированные числа — нижние границы.'],
  estimate_line: ['{method}: documented {documented}, estimated {estimate}, {level}% interval {lower} to {upper}', '{method}՝ փաստագրված {documented}, գնահատված {estimate}, {level}% միջակայք՝ {lower}–{upper}', '{method}: задокументировано {documented}, оценка {estimate}, {level}% интервал от {lower} до {upper}'],
  unbounded: ['unbounded', 'անսահմանափակ', 'не ограничено'],
};

// Record kinds: [en, hy, ru]
const kKinds = {
  situation: ['Situation', 'Իրադրություն', 'Ситуация'],
  source: ['Source (testimony, document)', 'Աղբյուր (վկայություն, փաստաթուղթ)', 'Источник (показание, документ)'],
  person: ['Person', 'Անձ', 'Лицо'],
  organization: ['Organization', 'Կազմակերպություն', 'Организация'],
  place: ['Place', 'Վայր', 'Место'],
  event: ['Event', 'Իրադարձություն', 'Событие'],
  act: ['Act', 'Արարք', 'Деяние'],
  property: ['Property', 'Գույք', 'Имущество'],
  displacement: ['Displacement', 'Տեղահանում', 'Перемещение'],
  state_conduct: ['State conduct', 'Պետության վարքագիծ', 'Поведение государства'],
  information: ['Information link', 'Տեղեկատվական կապ', 'Информационная связь'],
  annotation: ['Annotation', 'Ծանոթագրություն', 'Аннотация'],
  claim: ['Claim', 'Պահանջ', 'Требование'],
  person_link: ['Person link', 'Անձերի կապ', 'Связь лиц'],
  custody_event: ['Custody event', 'Պահպանման իրադարձություն', 'Событие хранения'],
};

// Field names: [en, hy, ru]; others are shown humanised in English.
const kFields = {
  id: ['Id', 'Id', 'Id'],
  kind: ['Kind', 'Տեսակ', 'Вид'],
  confidentiality: ['Confidentiality', 'Գաղտնիություն', 'Конфиденциальность'],
  remarks: ['Remarks', 'Դիտողություններ', 'Примечания'],
  name: ['Name', 'Անվանում', 'Название'],
  names: ['Names', 'Անուններ', 'Имена'],
  value: ['Value', 'Արժեք', 'Значение'],
  script: ['Script', 'Գիր', 'Письменность'],
  part: ['Part of name', 'Անվան մաս', 'Часть имени'],
  language: ['Language', 'Լեզու', 'Язык'],
  period: ['Period', 'Ժամանակահատված', 'Период'],
  description: ['Description', 'Նկարագրություն', 'Описание'],
  territory: ['Territory', 'Տարածք', 'Территория'],
  places: ['Places', 'Վայրեր', 'Места'],
  span: ['Time span', 'Ժամանակահատված', 'Период'],
  type: ['Type', 'Տեսակ', 'Тип'],
  title: ['Title', 'Վերնագիր', 'Заголовок'],
  date: ['Date', 'Ամսաթիվ', 'Дата'],
  origin: ['Origin', 'Ծագում', 'Происхождение'],
  reliability: ['Reliability', 'Հուսալիություն', 'Надёжность'],
  situation: ['Situation', 'Իրադրություն', 'Ситуация'],
  witness: ['Witness', 'Վկա', 'Свидетель'],
  interviewer: ['Interviewer', 'Հարցազրուցավար', 'Интервьюер'],
  interpreter: ['Interpreter', 'Թարգմանիչ', 'Переводчик'],
  author: ['Author', 'Հեղինակ', 'Автор'],
  consent: ['Consent', 'Համաձայնություն', 'Согласие'],
  scopes: ['Scopes', 'Շրջանակներ', 'Объём'],
  withdrawn: ['Withdrawn', 'Հետ է կանչված', 'Отозвано'],
  withdrawn_date: ['Withdrawn on', 'Հետ կանչելու ամսաթիվ', 'Дата отзыва'],
  obtained_under_torture: ['Obtained under torture', 'Ստացված խոշտանգմամբ', 'Получено под пыткой'],
  transcript: ['Transcript', 'Սղագրություն', 'Расшифровка'],
  translations: ['Translations', 'Թարգմանություններ', 'Переводы'],
  text: ['Text', 'Տեքստ', 'Текст'],
  evidence: ['Evidence files (SHA-256)', 'Ապացուցողական ֆայլեր (SHA-256)', 'Файлы доказательств (SHA-256)'],
  sex: ['Sex', 'Սեռ', 'Пол'],
  birth: ['Birth', 'Ծնունդ', 'Рождение'],
  death: ['Death', 'Մահ', 'Смерть'],
  status: ['Status', 'Կարգավիճակ', 'Статус'],
  residence_before: ['Residence before', 'Նախկին բնակավայր', 'Прежнее место жительства'],
  residence_before_address: ['Address before', 'Նախկին հասցե', 'Прежний адрес'],
  occupation: ['Occupation', 'Զբաղմունք', 'Род занятий'],
  national_identity: ['National identity', 'Ազգային պատկանելություն', 'Национальная принадлежность'],
  contacts: ['Contacts', 'Կոնտակտներ', 'Контакты'],
  current_location: ['Current location', 'Ներկայիս գտնվելու վայր', 'Текущее местонахождение'],
  parent: ['Part of', 'Մաս է', 'Входит в'],
  coordinates: ['Coordinates', 'Կոորդինատներ', 'Координаты'],
  lat: ['Latitude', 'Լայնություն', 'Широта'],
  lon: ['Longitude', 'Երկայնություն', 'Долгота'],
  place: ['Place', 'Վայր', 'Место'],
  relations: ['Relations', 'Կապեր', 'Связи'],
  target: ['Target', 'Թիրախ', 'Цель'],
  event: ['Event', 'Իրադարձություն', 'Событие'],
  victim: ['Victim', 'Տուժող', 'Потерпевший'],
  victim_count: ['Number of victims', 'Տուժողների թիվ', 'Число потерпевших'],
  perpetrators: ['Perpetrators', 'Կատարողներ', 'Исполнители'],
  perpetrator: ['Perpetrator', 'Կատարող', 'Исполнитель'],
  involvement: ['Involvement', 'Մասնակցություն', 'Участие'],
  method: ['Method', 'Եղանակ', 'Способ'],
  consequences: ['Consequences', 'Հետևանքներ', 'Последствия'],
  grounds: ['Grounds', 'Հիմքեր', 'Мотивы'],
  property: ['Property', 'Գույք', 'Имущество'],
  address: ['Address', 'Հասցե', 'Адрес'],
  registry_reference: ['Registry reference', 'Ռեեստրային համար', 'Номер в реестре'],
  holders: ['Holders', 'Տիրապետողներ', 'Владельцы'],
  tenure: ['Tenure', 'Տիրապետման ձև', 'Право владения'],
  documents: ['Documents', 'Փաստաթղթեր', 'Документы'],
  fate: ['Fate', 'Ճակատագիր', 'Судьба'],
  fate_date: ['Date of fate', 'Ճակատագրի ամսաթիվ', 'Дата'],
  current_occupant: ['Current occupant', 'Ներկայիս զբաղեցնող', 'Текущий пользователь'],
  amount: ['Amount', 'Գումար', 'Сумма'],
  currency: ['Currency', 'Արժույթ', 'Валюта'],
  year: ['Year', 'Տարի', 'Год'],
  persons: ['Persons', 'Անձինք', 'Лица'],
  household: ['Household', 'Ընտանիք', 'Домохозяйство'],
  household_size: ['Household size', 'Ընտանիքի չափ', 'Размер домохозяйства'],
  from: ['From', 'Որտեղից', 'Откуда'],
  to: ['To', 'Ուր', 'Куда'],
  circumstances: ['Circumstances', 'Հանգամանքներ', 'Обстоятельства'],
  route: ['Route', 'Երթուղի', 'Маршрут'],
  current_status: ['Current status', 'Ներկայիս կարգավիճակ', 'Текущий статус'],
  actor: ['Actor', 'Գործող', 'Субъект'],
  conduct: ['Conduct', 'Վարքագիծ', 'Поведение'],
  source: ['Source', 'Աղբյուր', 'Источник'],
  record: ['Record', 'Գրառում', 'Запись'],
  field: ['Field', 'Դաշտ', 'Поле'],
  locator: ['Locator', 'Տեղորոշիչ', 'Место в источнике'],
  excerpt: ['Excerpt', 'Հատված', 'Выдержка'],
  credibility: ['Credibility', 'Արժանահավատություն', 'Достоверность'],
  stance: ['Stance', 'Դիրքորոշում', 'Позиция'],
  element: ['Legal element', 'Իրավական տարր', 'Правовой элемент'],
  rationale: ['Rationale', 'Հիմնավորում', 'Обоснование'],
  reviewer: ['Reviewer', 'Վերանայող', 'Рецензент'],
  rule: ['Rule', 'Կանոն', 'Правило'],
  suggestion: ['Suggestion', 'Առաջարկ', 'Предложение'],
  claimant: ['Claimant', 'Հայցվոր', 'Заявитель'],
  beneficiaries: ['Beneficiaries', 'Շահառուներ', 'Бенефициары'],
  harms: ['Harms', 'Վնասներ', 'Ущерб'],
  forms: ['Forms of reparation', 'Հատուցման ձևեր', 'Формы возмещения'],
  person_a: ['Person A', 'Անձ Ա', 'Лицо А'],
  person_b: ['Person B', 'Անձ Բ', 'Лицо Б'],
  decision: ['Decision', 'Որոշում', 'Решение'],
  probability: ['Probability', 'Հավանականություն', 'Вероятность'],
  action: ['Action', 'Գործողություն', 'Действие'],
  purpose: ['Purpose', 'Նպատակ', 'Цель'],
  counterpart: ['Counterpart', 'Կողմ', 'Контрагент'],
};

const kLangIndex = { en: 0, hy: 1, ru: 2 };
const kStorageKey = 'vka.lang';

function initialLanguage() {
  const stored = localStorage.getItem(kStorageKey);
  if (stored && stored in kLangIndex) return stored;
  const browser = (navigator.language || 'en').slice(0, 2);
  return browser in kLangIndex ? browser : 'en';
}

let current = initialLanguage();
const listeners = [];

export function lang() {
  return current;
}

export function setLang(code) {
  if (!(code in kLangIndex)) return;
  current = code;
  localStorage.setItem(kStorageKey, code);
  document.documentElement.lang = code;
  for (const listener of listeners) listener(code);
}

export function onLangChange(listener) {
  listeners.push(listener);
}

function pick(entry) {
  return entry[kLangIndex[current]] || entry[0];
}

// t('showing', {from: 1, to: 50})
export function t(key, vars = {}) {
  const entry = kWords[key];
  let text = entry ? pick(entry) : key;
  for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

export function kindLabel(kind) {
  const entry = kKinds[kind];
  return entry ? pick(entry) : humanise(kind);
}

export function fieldLabel(name) {
  const entry = kFields[name];
  return entry ? pick(entry) : humanise(name);
}

function humanise(name) {
  const text = String(name).replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Vocabularies from the server, cached per name. Returns {name, terms: [...]}
// or null when the server does not answer.
const vocabCache = new Map();

export function loadVocab(name) {
  if (!vocabCache.has(name)) {
    vocabCache.set(
      name,
      fetch(`/api/v1/vocab/${encodeURIComponent(name)}`, { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null),
    );
  }
  return vocabCache.get(name);
}

export function termLabel(vocab, code) {
  if (!vocab || !Array.isArray(vocab.terms)) return String(code);
  const term = vocab.terms.find((x) => x.code === code);
  if (!term) return String(code);
  return term[current] || term.en || String(code);
}

// The script whose names suit the UI language best.
export function preferredScript() {
  return { en: 'Latn', hy: 'Armn', ru: 'Cyrl' }[current];
}

document.documentElement.lang = current;
