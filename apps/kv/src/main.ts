import { runService } from '@weir/core';
import { kvService } from './kv.service';

void runService(kvService);
