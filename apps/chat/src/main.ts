import { runService } from '@weir/core';
import { chatService } from './chat.service';

void runService(chatService);
