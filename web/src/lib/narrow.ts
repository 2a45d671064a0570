import { ref } from 'vue';

/** The phone breakpoint of style.css: pages show cards instead of wide tables below it. */
export const NARROW_QUERY = '(max-width: 768px)';

const media = window.matchMedia(NARROW_QUERY);
/** True on a phone-sized window; follows rotation and resizing. */
export const narrow = ref(media.matches);
media.addEventListener('change', (event) => (narrow.value = event.matches));
