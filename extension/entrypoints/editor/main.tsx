import '@/assets/snag.css';
import './editor.css';
import { mount } from '@/components/mount';
import { draftIdFromSearch } from '@/lib/capture/draft-store';
import { Editor } from './Editor';

mount(<Editor draftId={draftIdFromSearch(location.search)} />);
